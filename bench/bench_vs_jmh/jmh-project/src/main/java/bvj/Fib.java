package bvj;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;
@State(Scope.Thread)
public class Fib {
int n = 20;

static int fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

@Benchmark public int fib() {
    return fib(n);
}
}
