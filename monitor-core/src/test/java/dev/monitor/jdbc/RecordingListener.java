package dev.monitor.jdbc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event it receives. */
final class RecordingListener implements QueryListener {

    final List<SlowQuery> slow = new CopyOnWriteArrayList<>();
    final List<QueryFailure> failures = new CopyOnWriteArrayList<>();
    final List<RepeatedQuery> repeated = new CopyOnWriteArrayList<>();

    @Override
    public void onSlowQuery(SlowQuery query) {
        slow.add(query);
    }

    @Override
    public void onQueryFailure(QueryFailure failure) {
        failures.add(failure);
    }

    @Override
    public void onRepeatedQuery(RepeatedQuery query) {
        repeated.add(query);
    }

    /** Everything received, as text, to check that no raw data got in. */
    String everything() {
        return slow + " " + failures + " " + repeated;
    }
}
