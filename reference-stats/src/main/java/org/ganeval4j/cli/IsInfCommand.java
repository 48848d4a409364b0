package org.ganeval4j.cli;

import java.util.concurrent.Callable;
import org.ganeval4j.metric.InceptionInfinity;
import org.ganeval4j.metric.InfinityFit;
import org.ganeval4j.metric.InfinityGrid;
import org.ganeval4j.stats.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ganeval4j is-inf LOGITS}: IS∞ (Chong &amp; Forsyth, CVPR 2020). */
@Command(name = "is-inf", mixinStandardHelpOptions = true,
        description = {"IS∞ (Chong & Forsyth, CVPR 2020): the Inception Score with one split on the first N rows for N over"
                + " numpy.linspace(A, B, K).astype(int32), then the least-squares fit IS_N = IS∞ + slope/N. Prints IS∞, the"
                + " slope and R², one per line (--json: also every N and IS_N).",
                "LOGITS: a .npy logits matrix whose rows are in sample order, or images (through the FID Inception network's"
                + " logits_unbiased, in the folder's/archive's order)."})
final class IsInfCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LogitsInput input;

    @Mixin
    InfinityOptions grid;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        FeatureMatrix x = input.load(err);
        InfinityGrid g = grid.grid("IS∞", input.logits, x.rows(), err);
        InfinityFit fit = grid.reshuffleSeed == null ? InceptionInfinity.compute(x, g)
                : InceptionInfinity.reshuffled(x, g, grid.reshuffleSeed);
        var extra = Json.object();
        extra.put("classes", x.cols());
        grid.print(spec.commandLine().getOut(), "IS-inf", "is_inf", "is_n", fit, g, x.rows(), extra);
        return 0;
    }
}
