package animerec.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps the contract's column names to the names a stored Parquet dataset uses (from {@code conf/}:
 * {@code columns: {user_id: userId, anime_id: movieId, ...}}), so any catalogue can be read with its own
 * column names. The identity mapping is the default.
 */
public final class ColumnMapping implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> contractToStored;

    public ColumnMapping(Map<String, String> contractToStored) {
        for (String key : contractToStored.keySet()) {
            if (!java.util.List.of(Columns.USER, Columns.ITEM, Columns.RATING, Columns.TIMESTAMP).contains(key)) {
                throw new animerec.util.UserError("columns." + key
                        + ": unknown contract column (expected user_id, anime_id, rating or timestamp)");
            }
        }
        this.contractToStored = new LinkedHashMap<>(contractToStored);
    }

    public static ColumnMapping identity() {
        return new ColumnMapping(Map.of());
    }

    public String stored(String contractName) {
        return contractToStored.getOrDefault(contractName, contractName);
    }
}
