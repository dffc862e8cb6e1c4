package dev.eventagent.engine.runtime;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks so that tasks with the same key run one at a time, in submission order, while
 * tasks with different keys run concurrently on a pool.
 */
final class KeyedExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(KeyedExecutor.class);

    private final ExecutorService pool;
    private final Map<String, ArrayDeque<Runnable>> queues = new HashMap<>();

    KeyedExecutor(ExecutorService pool) {
        this.pool = pool;
    }

    void submit(String key, Runnable task) {
        synchronized (queues) {
            ArrayDeque<Runnable> queue = queues.get(key);
            if (queue != null) {
                queue.add(task);
                return;
            }
            queues.put(key, new ArrayDeque<>());
        }
        pool.execute(() -> runChain(key, task));
    }

    private void runChain(String key, Runnable first) {
        Runnable task = first;
        while (task != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("A task of key {} failed; the key's next tasks still run", key, e);
            } finally {
                synchronized (queues) {
                    ArrayDeque<Runnable> queue = queues.get(key);
                    task = queue.poll();
                    if (task == null) {
                        queues.remove(key);
                    }
                }
            }
        }
    }
}
