package bvj;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;
@State(Scope.Thread)
public class Sum {
int[] data = new int[1000];

@Setup public void fill() {
    for (int i = 0; i < data.length; i++) data[i] = i * 31;
}

@Benchmark public long sum() {
    long s = 0;
    for (int v : data) s += v;
    return s;
}
}
