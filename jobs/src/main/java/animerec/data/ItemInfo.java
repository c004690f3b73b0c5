package animerec.data;

import static animerec.util.ParquetRows.Kind.LONG;
import static animerec.util.ParquetRows.Kind.STRING;
import static animerec.util.ParquetRows.Kind.STRINGS;

import animerec.util.FileAccess;
import animerec.util.HadoopFiles;
import animerec.util.ParquetRows;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of a data folder's items table, read without Spark ({@code animerec serve}): id, name (HTML entities
 * decoded, as {@link Datasets#readItemsOrNull} decodes them), genres as stored, type and members.
 */
public record ItemInfo(long id, String name, List<String> genres, String type, long members) {
    /** The items table of {@code dataDir} in file order, or null when the folder has none. */
    public static List<ItemInfo> readOrNull(FileAccess files, String dataDir) {
        String path = HadoopFiles.child(dataDir, Columns.ITEMS_TABLE);
        if (!files.exists(path)) {
            return null;
        }
        List<ItemInfo> out = new ArrayList<>();
        ParquetRows.read(files, path, List.of(LONG.of(Columns.ITEM), STRING.of(Columns.NAME),
                STRINGS.of(Columns.GENRES), STRING.of(Columns.TYPE), LONG.of(Columns.MEMBERS)), r ->
                out.add(new ItemInfo(r.getLong(0), r.isNull(1) ? null : ItemText.unescape(r.getString(1)),
                        r.isNull(2) ? List.of() : List.copyOf(r.strings(2)), r.isNull(3) ? null : r.getString(3),
                        r.isNull(4) ? 0 : r.getLong(4))));
        return out;
    }

    /**
     * The fingerprint of the items table of {@code dataDir}, as {@link Fingerprints#of} gives it for the table
     * {@link Datasets#readItemsOrNull} reads (names and synopses decoded), computed without Spark; null when it cannot
     * be (see {@link Fingerprints#ofParquetOrNull}).
     */
    public static String fingerprintOrNull(FileAccess files, String dataDir) {
        java.util.Map<String, java.util.function.UnaryOperator<String>> decode = new java.util.HashMap<>();
        ItemText.DECODED.forEach(c -> decode.put(c, ItemText::unescape));
        return Fingerprints.ofParquetOrNull(files, HadoopFiles.child(dataDir, Columns.ITEMS_TABLE), decode);
    }

    /** When the items table of {@code dataDir} was last written (epoch milliseconds). */
    public static long modified(FileAccess files, String dataDir) {
        return files.modified(HadoopFiles.child(dataDir, Columns.ITEMS_TABLE));
    }
}
