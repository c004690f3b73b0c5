package animerec.model;

import animerec.util.UserError;

/**
 * A family refuses this training data as too large for it (for example EASE's n x n matrices over a catalogue
 * above its limit). Alone, the refusal is a user error; inside a hybrid, the component is left out with a line.
 */
public final class DataTooLarge extends UserError {
    private static final long serialVersionUID = 1L;

    public DataTooLarge(String message) {
        super(message);
    }
}
