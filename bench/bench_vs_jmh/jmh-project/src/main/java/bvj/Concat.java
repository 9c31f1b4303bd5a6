package bvj;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;
@State(Scope.Thread)
public class Concat {
String[] words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};

@Benchmark public String concat() {
    StringBuilder sb = new StringBuilder();
    for (String w : words) sb.append(w).append(',');
    return sb.toString();
}
}
