package org.ganeval4j.metric;

/**
 * A Fréchet distance with the terms it is made of:
 * {@code value = meanTerm + traceA + traceB − 2·traceSqrtProduct}.
 *
 * @param value              the distance ‖μ_A − μ_B‖² + tr Σ_A + tr Σ_B − 2 tr (Σ_A Σ_B)^½
 * @param meanTerm           ‖μ_A − μ_B‖²
 * @param traceA             tr Σ_A
 * @param traceB             tr Σ_B
 * @param traceSqrtProduct   tr (Σ_A Σ_B)^½ = Σ √λᵢ over the eigenvalues of Σ_A Σ_B
 * @param route              how the trace term was computed
 * @param clippedEigenvalues eigenvalues that round-off made slightly negative and that were set to 0
 * @param dim                feature dimension d
 */
public record FrechetResult(double value, double meanTerm, double traceA, double traceB, double traceSqrtProduct,
                            Route route, int clippedEigenvalues, int dim) {

    /**
     * The same distance seen from the other side: d(B, A) = d(A, B) with {@link #traceA()} and {@link #traceB()}
     * exchanged (the distance, mean term and product trace are symmetric).
     */
    public FrechetResult swapped() {
        return new FrechetResult(value, meanTerm, traceB, traceA, traceSqrtProduct, route, clippedEigenvalues, dim);
    }

    /** How tr (Σ_A Σ_B)^½ was obtained; every route is exact up to float64 rounding. */
    public enum Route {
        /**
         * Both sides as statistics: pivoted Cholesky Σ_A = P L Lᵀ Pᵀ, then the eigenvalues of the
         * symmetric r × r matrix Lᵀ Pᵀ Σ_B P L (r = rank Σ_A).
         */
        FULL,
        /**
         * One side as N &lt; d feature rows X (centred): the nonzero eigenvalues of Σ_A Σ_B are those of
         * the N × N matrix (X L)(X L)ᵀ / (N − 1).
         */
        LOW_RANK,
        /**
         * Both sides as feature rows with min(N_A, N_B) &lt; d: tr (Σ_A Σ_B)^½ is the nuclear norm of
         * X_B X_Aᵀ / √((N_A − 1)(N_B − 1)), from the eigenvalues of its Gram matrix.
         */
        LOW_RANK_BOTH
    }
}
