package animerec.model.serving;

import animerec.util.FileAccess;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.ParquetRows;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A saved model's data folder (what {@code RecommenderModel.save} wrote), read without Spark: its Parquet tables
 * row by row ({@link ParquetRows}) and its JSON files.
 */
public record SavedModel(FileAccess files, String path) {
    /** A folder inside this one (a hybrid's component, a content model's popularity fallback). */
    public SavedModel child(String name) {
        return new SavedModel(files, HadoopFiles.child(path, name));
    }

    /** Every row of the table {@code table} with {@code columns}, in the order the files hold them. */
    public void rows(String table, List<ParquetRows.Column> columns, Consumer<ParquetRows.Rec> each) {
        ParquetRows.read(files, HadoopFiles.child(path, table), columns, each);
    }

    /** The JSON file {@code file}; invalid JSON is a {@link UserError} naming it. */
    public JsonNode json(String file) {
        String p = HadoopFiles.child(path, file);
        try {
            return Json.MAPPER.readTree(files.readString(p));
        } catch (IOException e) {
            throw new UserError(p + ": not valid JSON: " + e.getMessage(), e);
        }
    }
}
