package org.ganeval4j.gan;

/**
 * Builds a {@link TrainableGan} from named hyperparameters, e.g. the values Arbiter drew for one
 * candidate of a sweep ({@code org.ganeval4j.arbiter.HyperparameterSpace}):
 *
 * <pre>{@code
 * GanFactory factory = hp -> new MyGan(hp.getDouble("generatorLr"), hp.getDouble("discriminatorLr"),
 *         hp.getInt("width", 64), mnist, 42);
 * }</pre>
 *
 * A factory throws {@link IllegalArgumentException} for values that make no GAN (a sweep records the
 * candidate as failed with that message and goes on).
 */
@FunctionalInterface
public interface GanFactory {
    /**
     * A new, untrained GAN for these hyperparameters.
     *
     * @throws IllegalArgumentException when the values make no valid GAN, saying why
     */
    TrainableGan create(Hyperparameters hyperparameters);
}
