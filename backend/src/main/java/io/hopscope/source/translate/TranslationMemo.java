package io.hopscope.source.translate;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Remembers what each input object translated to, so that assembling again from mostly the same
 * objects translates only the new ones. Objects are matched by identity: the live source's informer
 * cache keeps an unchanged object as the same instance and replaces a changed one, and the objects
 * of the model are immutable, so a remembered translation is still right as long as what else it
 * depends on (the network profile, see {@link #dependsOn}) is the same.
 *
 * <p>Holds the translations of the last assembly only: what was not asked for again is dropped, so
 * deleted objects do not pile up. Not thread-safe; one assembly at a time uses it (the live source
 * rebuilds on one thread).
 */
public final class TranslationMemo {

  private Map<Object, Object> previous = new IdentityHashMap<>();
  private Map<Object, Object> current = new IdentityHashMap<>();
  private Object context;
  private int reused;
  private int reusedByLast;

  public TranslationMemo() {}

  /**
   * Starts an assembly whose translations also depend on {@code context}: when it differs from the
   * last assembly's, nothing remembered is reused.
   */
  void dependsOn(Object context) {
    if (!context.equals(this.context)) {
      previous.clear();
      this.context = context;
    }
  }

  /** The translation of {@code object}: remembered from the last assembly, or computed now. */
  <K, V> V translate(K object, Function<K, V> translation) {
    @SuppressWarnings("unchecked")
    V known = (V) previous.get(object);
    if (known != null) {
      reused++;
    }
    V value = known != null ? known : translation.apply(object);
    current.put(object, value);
    return value;
  }

  /** Ends one assembly: what it used is what the next one may reuse. */
  void finish() {
    previous = current;
    current = new IdentityHashMap<>(previous.size() * 4 / 3 + 16);
    reusedByLast = reused;
    reused = 0;
  }

  /** How many translations the last assembly reused. */
  public int reusedByLastAssembly() {
    return reusedByLast;
  }
}
