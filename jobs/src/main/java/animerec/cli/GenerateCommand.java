package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.cli.options.SampleOptions;
import animerec.data.generate.SampleDatasetWriter;
import animerec.data.generate.SampleSpec;
import animerec.util.UserError;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic anime-like dataset (the built-in sample) under the data contract.")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    SampleOptions sample;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "dataset folder to write")
    String out;

    @Override
    public Integer call() {
        long seed = common.config().seed;
        SampleSpec spec = sample.spec(seed);
        try {
            spec.validate();
        } catch (IllegalArgumentException e) {
            throw new UserError("generate: " + e.getMessage());
        }
        SparkSession spark = common.spark("animerec generate");
        SampleDatasetWriter.write(spark, spec, out);
        long rows = spark.read().parquet(out + "/interactions").count();
        System.out.printf("generated %s: %,d users, %,d items, %,d interactions (seed %d)%n", out, spec.users(), spec.items(), rows, seed);
        return 0;
    }
}
