package org.ganeval4j.metric;

/**
 * The outcome of a {@link Memorisation} check.
 *
 * @param distances     per generated sample: the cosine distance to its nearest training image in
 *                      feature space
 * @param nearest       per generated sample: the index of that training image
 * @param realDistances the real-vs-real nearest-neighbour distances the generated ones are compared
 *                      with: held-out images to their nearest training image, or (without a held-out
 *                      set) each training image to its nearest other training image
 * @param heldOut       true when {@code realDistances} come from a held-out set, false for leave-one-out
 * @param threshold     the distance below which a sample counts as (near-)copied
 * @param fraction      the fraction of generated samples closer than {@code threshold}
 * @param realFraction  the same fraction of the real-vs-real distances
 * @param z             the Mann–Whitney Z of the generated against the real distances (tie-corrected):
 *                      markedly negative when generated samples lie closer to the training images than
 *                      real images do (data copying, Meehan et al. 2020), positive when farther
 * @param closest       generated sample indices of the closest pairs, nearest first (at most the
 *                      configured number)
 */
public record MemorisationResult(double[] distances, int[] nearest, double[] realDistances, boolean heldOut,
                                 double threshold, double fraction, double realFraction, double z, int[] closest) {
    public MemorisationResult {
        distances = distances.clone();
        nearest = nearest.clone();
        realDistances = realDistances.clone();
        closest = closest.clone();
    }

    @Override
    public double[] distances() {
        return distances.clone();
    }

    @Override
    public int[] nearest() {
        return nearest.clone();
    }

    @Override
    public double[] realDistances() {
        return realDistances.clone();
    }

    @Override
    public int[] closest() {
        return closest.clone();
    }

    /** The indices of the generated samples closer than the threshold, increasing. */
    public int[] flagged() {
        return java.util.stream.IntStream.range(0, distances.length).filter(i -> distances[i] < threshold).toArray();
    }

    /** The median nearest-training-image distance of the generated samples. */
    public double medianDistance() {
        return Memorisation.quantile(distances, 0.5);
    }

    /** The median real-vs-real distance. */
    public double medianRealDistance() {
        return Memorisation.quantile(realDistances, 0.5);
    }
}
