package dev.eventagent.engine.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of measured values, as eval and bench report them. */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * A nearest-rank percentile.
     *
     * @param values the values, in any order
     * @param percentile 1 to 100
     * @return the value, or 0 for none
     */
    public static long nearestRank(List<Long> values, int percentile) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
