package animerec.model.content;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import animerec.data.Columns;
import animerec.model.ParamMap;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.ml.feature.Word2Vec;
import org.apache.spark.ml.feature.Word2VecModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Item feature matrices built from the items table with Spark ML: multi-hot genres, TF-IDF over genre tokens,
 * title and synopsis words, and mean Word2Vec vectors (or embeddings the user supplies). Every result is a
 * table {@code anime_id, vector} (Spark ML vectors) with unit L2 norm (zero when an item has no usable
 * feature). Vocabularies are ordered by document frequency, then alphabetically, and Word2Vec trains on one
 * partition in item-id order with the seed, so the same items, parameters and seed give identical vectors.
 */
public final class ItemFeatures {
    public static final String VECTOR = "vector";
    public static final StructType SCHEMA = new StructType()
            .add(Columns.ITEM, DataTypes.LongType, false)
            .add(VECTOR, SQLDataTypes.VectorType(), false);

    private ItemFeatures() {
    }

    /** Item vectors and what describes them (kind, dimension, vocabulary size, parameters, counts). */
    public record Built(Dataset<Row> vectors, ObjectNode info, List<String> vocabulary) {
    }

    public static Built build(Dataset<Row> items, ContentKind kind, ParamMap params, long seed) {
        Dataset<Row> catalogue = items.select(col(Columns.ITEM), col(Columns.NAME), col(Columns.GENRES),
                hasColumn(items, Columns.SYNOPSIS) ? col(Columns.SYNOPSIS) : lit(null).cast("string").as(Columns.SYNOPSIS),
                hasColumn(items, Columns.TYPE) ? col(Columns.TYPE) : lit(null).cast("string").as(Columns.TYPE),
                hasColumn(items, Columns.EPISODES) ? col(Columns.EPISODES) : lit(null).cast("int").as(Columns.EPISODES));
        ObjectNode info = Json.object();
        info.put("kind", kind.label());
        info.set("params", Json.MAPPER.valueToTree(params.asStrings()));
        info.put("seed", seed);
        Built built = switch (kind) {
            case GENRE -> genre(catalogue, info);
            case TFIDF -> tfidf(catalogue, params, info);
            case EMBEDDING -> params.get(ContentKind.EMBEDDINGS_PATH).isEmpty()
                    ? word2vec(catalogue, params, seed, info)
                    : given(catalogue, params.get(ContentKind.EMBEDDINGS_PATH), info);
        };
        Dataset<Row> vectors = built.vectors().persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        long n = vectors.count();
        long nonZero = vectors.javaRDD().filter(r -> ((Vector) r.get(1)).numNonzeros() > 0).count();
        info.put("items", n);
        info.put("items_with_features", nonZero);
        return new Built(vectors, info, built.vocabulary());
    }

    private static boolean hasColumn(Dataset<Row> d, String name) {
        return Arrays.asList(d.columns()).contains(name);
    }

    private static Built genre(Dataset<Row> catalogue, ObjectNode info) {
        Dataset<Row> withGenres = catalogue.withColumn("tokens",
                expr("transform(coalesce(genres, array()), g -> lower(trim(g)))"));
        List<String> vocab = withGenres.select(explode(col("tokens")).as("t")).filter(col("t").notEqual(""))
                .distinct().orderBy("t").as(Encoders.STRING()).collectAsList();
        CountVectorizerModel cv = new CountVectorizerModel(vocab.toArray(new String[0]))
                .setInputCol("tokens").setOutputCol("raw").setBinary(true);
        info.put("dimension", vocab.size());
        info.put("vocabulary_size", vocab.size());
        return new Built(normalise(cv.transform(withGenres)), info, vocab);
    }

    /**
     * {@code tokens}: genre tokens ({@code genre_slice_of_life}), type and episode-bucket tokens ({@code type_movie},
     * {@code episodes_14_26}), then title and synopsis words minus stop words.
     */
    static Dataset<Row> tokens(Dataset<Row> catalogue, ParamMap p) {
        Dataset<Row> d = catalogue.withColumn("text", concat_ws(" ",
                p.get(ContentKind.USE_NAME) ? coalesce(col(Columns.NAME), lit("")) : lit(""),
                p.get(ContentKind.USE_SYNOPSIS) ? coalesce(col(Columns.SYNOPSIS), lit("")) : lit("")));
        RegexTokenizer tokenizer = new RegexTokenizer().setInputCol("text").setOutputCol("words")
                .setPattern("[^\\p{L}\\p{N}]+").setGaps(true).setToLowercase(true)
                .setMinTokenLength(p.get(ContentKind.MIN_TOKEN_LENGTH));
        StopWordsRemover stop = new StopWordsRemover().setInputCol("words").setOutputCol("content_words")
                .setLocale("en");
        Dataset<Row> words = stop.transform(tokenizer.transform(d));
        Dataset<Row> genreTokens = p.get(ContentKind.USE_GENRES)
                ? words.withColumn("genre_tokens", expr(
                        "transform(coalesce(genres, array()), g -> concat('genre_', regexp_replace(lower(trim(g)), '[^\\\\p{L}\\\\p{N}]+', '_')))"))
                : words.withColumn("genre_tokens", expr("cast(array() as array<string>)"));
        Dataset<Row> typed = p.get(ContentKind.USE_TYPE)
                ? genreTokens.withColumn("type_tokens", expr("filter(array("
                        + "case when type is null or trim(type) = '' then null "
                        + "else concat('type_', regexp_replace(lower(trim(type)), '[^\\\\p{L}\\\\p{N}]+', '_')) end, "
                        + "case when episodes is null or episodes <= 0 then null when episodes = 1 then 'episodes_1' "
                        + "when episodes <= 6 then 'episodes_2_6' when episodes <= 13 then 'episodes_7_13' "
                        + "when episodes <= 26 then 'episodes_14_26' when episodes <= 52 then 'episodes_27_52' "
                        + "else 'episodes_53_up' end), t -> t is not null)"))
                : genreTokens.withColumn("type_tokens", expr("cast(array() as array<string>)"));
        return typed.withColumn("tokens", concat(col("genre_tokens"), col("type_tokens"), col("content_words")));
    }

    private static Built tfidf(Dataset<Row> catalogue, ParamMap p, ObjectNode info) {
        Dataset<Row> tokens = tokens(catalogue, p).select(Columns.ITEM, "tokens")
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        int minDf = p.get(ContentKind.MIN_DF);
        List<String> vocab = tokens.select(explode(array_distinct(col("tokens"))).as("term"))
                .groupBy("term").agg(count(lit(1)).as("df"))
                .filter(col("df").geq(minDf))
                .orderBy(col("df").desc(), col("term").asc())
                .limit(p.get(ContentKind.VOCAB_SIZE))
                .select("term").as(Encoders.STRING()).collectAsList();
        if (vocab.isEmpty()) {
            throw new UserError("tfidf: no term occurs in at least min_df = " + minDf + " items; lower min_df");
        }
        CountVectorizerModel cv = new CountVectorizerModel(vocab.toArray(new String[0]))
                .setInputCol("tokens").setOutputCol("tf");
        Dataset<Row> tf = cv.transform(tokens);
        IDFModel idf = new IDF().setInputCol("tf").setOutputCol("raw").fit(tf);
        info.put("dimension", vocab.size());
        info.put("vocabulary_size", vocab.size());
        info.put("min_df", minDf);
        return new Built(normalise(idf.transform(tf)), info, vocab);
    }

    private static Built word2vec(Dataset<Row> catalogue, ParamMap p, long seed, ObjectNode info) {
        // one partition in id order: Word2Vec's result then depends only on the data and the seed
        Dataset<Row> tokens = tokens(catalogue, p).select(Columns.ITEM, "tokens").orderBy(Columns.ITEM).coalesce(1);
        Word2VecModel model = new Word2Vec().setInputCol("tokens").setOutputCol("raw")
                .setVectorSize(p.get(ContentKind.VECTOR_SIZE)).setMinCount(p.get(ContentKind.MIN_COUNT))
                .setMaxIter(p.get(ContentKind.MAX_ITER)).setWindowSize(p.get(ContentKind.WINDOW))
                .setNumPartitions(1).setSeed(seed).fit(tokens);
        long words = model.getVectors().count();
        if (words == 0) {
            throw new UserError("embedding: no word occurs min_count = " + p.get(ContentKind.MIN_COUNT) + " times");
        }
        info.put("dimension", p.get(ContentKind.VECTOR_SIZE));
        info.put("vocabulary_size", words);
        info.put("source", "word2vec");
        return new Built(normalise(model.transform(tokens)), info, List.of());
    }

    /** Embeddings from a file: Parquet or CSV with {@code anime_id} and {@code vector}. */
    private static Built given(Dataset<Row> catalogue, String path, ObjectNode info) {
        SparkSession spark = catalogue.sparkSession();
        Dataset<Row> raw = readEmbeddings(spark, path);
        // parse on the executors; a bad row becomes an error string, reported on the driver with its id
        JavaRDD<Object[]> parsed = raw.javaRDD().map(r -> {
            if (r.isNullAt(0)) {
                return new Object[] {null, null, path + ": a row has no anime_id"};
            }
            long id = ((Number) r.get(0)).longValue();
            try {
                return new Object[] {id, toVector(path, id, r.get(1)), null};
            } catch (UserError e) {
                return new Object[] {id, null, e.getMessage()};
            }
        }).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        List<Object[]> bad = parsed.filter(x -> x[2] != null).take(1);
        if (!bad.isEmpty()) {
            throw new UserError((String) bad.get(0)[2]);
        }
        Dataset<Row> vectors = spark.createDataFrame(parsed.map(x -> RowFactory.create(x[0], x[1])), new StructType()
                .add(Columns.ITEM, DataTypes.LongType, false).add("raw", SQLDataTypes.VectorType(), false));
        List<Row> repeated = vectors.groupBy(Columns.ITEM).count().filter(col("count").gt(1)).limit(1).collectAsList();
        if (!repeated.isEmpty()) {
            throw new UserError(path + ": anime_id " + repeated.get(0).getLong(0) + " has more than one vector");
        }
        List<Integer> sizes = vectors.javaRDD().map(r -> ((Vector) r.get(1)).size()).distinct().collect();
        if (sizes.size() != 1) {
            throw new UserError(path + ": vectors differ in length " + sizes.stream().sorted().toList());
        }
        Dataset<Row> known = catalogue.select(Columns.ITEM).join(vectors, new String[] {Columns.ITEM}, "left");
        int dim = sizes.get(0);
        Dataset<Row> filled = known.map((org.apache.spark.api.java.function.MapFunction<Row, Row>) r ->
                RowFactory.create(r.getLong(0), r.isNullAt(1) ? Vectors.sparse(dim, new int[0], new double[0]) : r.get(1)),
                Encoders.row(new StructType().add(Columns.ITEM, DataTypes.LongType, false)
                        .add("raw", SQLDataTypes.VectorType(), false)));
        info.put("dimension", dim);
        info.put("source", path);
        info.put("vectors_in_file", vectors.count());
        return new Built(normalise(filled), info, List.of());
    }

    private static Dataset<Row> readEmbeddings(SparkSession spark, String path) {
        if (!HadoopFiles.exists(spark.sparkContext().hadoopConfiguration(), path)) {
            throw new UserError(path + ": embeddings file not found");
        }
        Dataset<Row> d = path.toLowerCase(Locale.ROOT).endsWith(".csv")
                ? spark.read().option("header", true).csv(path)
                : spark.read().parquet(path);
        List<String> cols = Arrays.asList(d.columns());
        if (!cols.contains(Columns.ITEM) || !cols.contains(VECTOR)) {
            throw new UserError(path + ": embeddings need columns anime_id and vector, found " + cols);
        }
        Dataset<Row> out = d.select(Columns.ITEM, VECTOR);
        return out.schema().apply(Columns.ITEM).dataType() == DataTypes.StringType
                ? out.withColumn(Columns.ITEM, col(Columns.ITEM).cast("long")) : out;
    }

    static Vector toVector(String path, long id, Object v) {
        if (v instanceof Vector vec) {
            return vec;
        }
        double[] values;
        if (v instanceof String s) {
            String body = s.trim().replaceAll("^\\[|\\]$", "").trim();
            String[] parts = body.isEmpty() ? new String[0] : body.split("[\\s,;|]+");
            values = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    values[i] = Double.parseDouble(parts[i]);
                } catch (NumberFormatException e) {
                    throw new UserError(path + ": anime_id " + id + ": '" + parts[i] + "' is not a number");
                }
            }
        } else if (v instanceof scala.collection.Seq<?> seq) {
            values = new double[seq.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ((Number) seq.apply(i)).doubleValue();
            }
        } else if (v instanceof List<?> list) {
            values = list.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        } else {
            throw new UserError(path + ": anime_id " + id + ": vector is neither a list of numbers nor text");
        }
        if (values.length == 0) {
            throw new UserError(path + ": anime_id " + id + ": empty vector");
        }
        return Vectors.dense(values);
    }

    private static Dataset<Row> normalise(Dataset<Row> withRaw) {
        Dataset<Row> unit = new Normalizer().setP(2.0).setInputCol("raw").setOutputCol(VECTOR)
                .transform(withRaw.select(Columns.ITEM, "raw"));
        // Spark's Normalizer leaves a zero vector as it is (zeros): fine, it matches nothing
        return unit.select(col(Columns.ITEM), col(VECTOR));
    }

    /** Sparse rows for the top-K kernel: the non-zero entries as floats; {@code exclude} left empty. */
    public static JavaRDD<SparseTopK.Row> rows(Dataset<Row> vectors) {
        return vectors.select(Columns.ITEM, VECTOR).javaRDD().map(r -> sparseRow(r.getLong(0), (Vector) r.get(1), null));
    }

    public static SparseTopK.Row sparseRow(long id, Vector v, long[] exclude) {
        SparseVector s = v.toSparse();
        int[] idx = s.indices();
        double[] val = s.values();
        int n = 0;
        for (double x : val) {
            if (x != 0) {
                n++;
            }
        }
        int[] outIdx = new int[n];
        float[] outVal = new float[n];
        int o = 0;
        for (int i = 0; i < idx.length; i++) {
            if (val[i] != 0) {
                outIdx[o] = idx[i];
                outVal[o++] = (float) val[i];
            }
        }
        return new SparseTopK.Row(id, outIdx, outVal, exclude == null ? new long[0] : exclude);
    }
}
