package animerec.util;

/**
 * An error the user can cause and fix (bad path, bad config value, malformed input, empty input).
 * The command line prints its message alone, without a stack trace, and exits non-zero.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
