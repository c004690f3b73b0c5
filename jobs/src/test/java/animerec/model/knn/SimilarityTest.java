package animerec.model.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Surprise's similarity formulas on hand-built common ratings. */
class SimilarityTest {
    /** Users a and b share three items: a rated 5, 3, 4 and b rated 4, 2, 5; residuals are given directly. */
    private static double[] sums() {
        double[] s = new double[Similarity.SIZE];
        Similarity.add(s, 5, 4, 1.0, 0.5);
        Similarity.add(s, 3, 2, -1.0, -1.5);
        Similarity.add(s, 4, 5, 0.0, 1.0);
        return s;
    }

    @Test
    void cosineOverCommonItems() {
        // (20 + 6 + 20) / sqrt((25 + 9 + 16)(16 + 4 + 25)) = 46 / sqrt(50 * 45)
        assertEquals(46.0 / Math.sqrt(2250.0), Similarity.COSINE.of(sums(), 1, 0), 1e-12);
    }

    @Test
    void msdIsTheInverseOfTheMeanSquaredDifferencePlusOne() {
        // squared differences 1, 1, 1: msd 1, similarity 1 / 2
        assertEquals(0.5, Similarity.MSD.of(sums(), 1, 0), 1e-12);
    }

    @Test
    void pearsonCentresEachSideOnItsMeanOverTheCommonItems() {
        // a: 5,3,4 (mean 4) -> 1,-1,0; b: 4,2,5 (mean 11/3) -> 1/3,-5/3,4/3
        // num = 1/3 + 5/3 + 0 = 2; den = sqrt(2 * (1/9 + 25/9 + 16/9)) = sqrt(2 * 42/9)
        assertEquals(2.0 / Math.sqrt(84.0 / 9.0), Similarity.PEARSON.of(sums(), 1, 0), 1e-12);
    }

    @Test
    void pearsonBaselineShrinksTheResidualCorrelation() {
        // residual products 0.5 + 1.5 + 0 = 2; squares 2 and 3.5; shrinkage 100: (3-1)/(3-1+100)
        double expected = 2.0 / Math.sqrt(2.0 * 3.5) * (2.0 / 102.0);
        assertEquals(expected, Similarity.PEARSON_BASELINE.of(sums(), 1, 100), 1e-12);
    }

    @Test
    void fewerCommonItemsThanMinSupportMeansZero() {
        assertEquals(0.0, Similarity.MSD.of(sums(), 4, 0), 0.0);
        assertEquals(0.5, Similarity.MSD.of(sums(), 3, 0), 1e-12);
    }
}
