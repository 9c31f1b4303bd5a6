package dev.perfkernel.magics.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic JMH runs with a fork effect: every fork's level is the true score times
 * exp(N(0, forkSigma)) (its JIT decisions and memory layout), and every iteration adds
 * exp(N(0, iterationSigma)) on top. With forkSigma ≫ iterationSigma, iterations inside a fork are
 * strongly correlated, as they are in real runs.
 */
public record ForkSimulation(double forkSigma, double iterationSigma, int forks, int iterations) {

    public List<List<Double>> run(SplittableRandom rnd, double trueScore) {
        List<List<Double>> out = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            double level = trueScore * Math.exp(forkSigma * gaussian(rnd));
            List<Double> it = new ArrayList<>();
            for (int i = 0; i < iterations; i++) it.add(level * Math.exp(iterationSigma * gaussian(rnd)));
            out.add(it);
        }
        return out;
    }

    static double[] flat(List<List<Double>> forks) {
        return forks.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    }

    /** Box–Muller; SplittableRandom has no nextGaussian on JDK 17. */
    static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
