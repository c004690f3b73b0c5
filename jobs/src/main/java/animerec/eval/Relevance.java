package animerec.eval;

import static org.apache.spark.sql.functions.col;

import animerec.data.Columns;
import animerec.util.UserError;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which held-out interactions count as relevant: all of them (the default), or those rated at least a
 * threshold (unrated "watched" interactions are then not relevant).
 */
public record Relevance(boolean all, double threshold) implements java.io.Serializable {
    /**
     * The name of the model parameter through which a family that evaluates while it fits (the hybrids' weight
     * search) is told what counts as relevant; train, pipeline and tune set it to {@code evaluation.relevance}.
     */
    public static final String PARAM = "relevance";

    public static Relevance allHeldOut() {
        return new Relevance(true, Double.NaN);
    }

    public static Relevance atLeast(double threshold) {
        return new Relevance(false, threshold);
    }

    /** Parses {@code all} or {@code rating>=X} / a bare number X. */
    public static Relevance parse(String s) {
        String t = s.trim();
        if (t.equalsIgnoreCase("all")) {
            return allHeldOut();
        }
        String number = t.startsWith("rating>=") ? t.substring("rating>=".length()) : t;
        try {
            return atLeast(Double.parseDouble(number));
        } catch (NumberFormatException e) {
            throw new UserError("relevance '" + s + "': expected 'all' or 'rating>=X'");
        }
    }

    public Dataset<Row> relevant(Dataset<Row> heldOut) {
        return all ? heldOut : heldOut.filter(col(Columns.RATING).geq(threshold));
    }

    public String label() {
        return all ? "all" : "rating>=" + threshold;
    }
}
