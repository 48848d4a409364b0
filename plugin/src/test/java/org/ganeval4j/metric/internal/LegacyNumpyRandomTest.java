package org.ganeval4j.metric.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.ganeval4j.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The port against NumPy itself: {@code numpy.random.RandomState}, run by python3. */
class LegacyNumpyRandomTest {

    private static String join(long[] v) {
        return Arrays.stream(v).mapToObj(Long::toString).collect(Collectors.joining(" "));
    }

    private static String join(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2020, 123456789, 4294967295L})
    void rawStreamEqualsMt19937OfRandomState(long seed) throws Exception {
        int n = 1500; // crosses two regenerations of the 624-word state
        LegacyNumpyRandom r = new LegacyNumpyRandom(seed);
        long[] ours = new long[n];
        for (int i = 0; i < n; i++) {
            ours[i] = r.nextUint32();
        }
        String numpy = Python.check("import numpy as np,sys; rs=np.random.RandomState(int(sys.argv[1]));"
                + "print(' '.join(str(int(v)) for v in rs._bit_generator.random_raw(int(sys.argv[2]))))",
                Long.toString(seed), Integer.toString(n));
        assertThat(join(ours)).isEqualTo(numpy.strip());
    }

    @ParameterizedTest
    @CsvSource({"2020,1", "2020,2", "2020,10", "2020,997", "2020,1000", "2020,2500", "7,65537", "4294967295,300", "0,70000"})
    void permutationEqualsNumpy(long seed, int n) throws Exception {
        LegacyNumpyRandom r = new LegacyNumpyRandom(seed);
        String ours = join(r.permutation(n)) + " | " + join(r.permutation(5));
        String numpy = Python.check("import numpy as np,sys; rs=np.random.RandomState(int(sys.argv[1]));"
                + "a=rs.permutation(int(sys.argv[2])); b=rs.permutation(5);"
                + "print(' '.join(map(str,a.tolist())) + ' | ' + ' '.join(map(str,b.tolist())))",
                Long.toString(seed), Integer.toString(n));
        assertThat(ours).isEqualTo(numpy.strip());
    }

    @ParameterizedTest
    @CsvSource({"2020,500,500,100,3", "2020,700,600,600,3", "2020,2000,2000,1000,2", "99,1200,800,800,2", "5,3,3,3,4"})
    void choiceWithoutReplacementStreamEqualsNumpy(long seed, int nFake, int nReal, int size, int rounds) throws Exception {
        LegacyNumpyRandom r = new LegacyNumpyRandom(seed);
        StringBuilder ours = new StringBuilder();
        for (int i = 0; i < rounds; i++) {
            ours.append(join(r.choiceWithoutReplacement(nFake, size))).append(" | ");
            ours.append(join(r.choiceWithoutReplacement(nReal, size))).append(" | ");
        }
        String numpy = Python.check("import numpy as np,sys; s,nf,nr,m,k=map(int,sys.argv[1:]); rs=np.random.RandomState(s); out=''\n"
                + "for _ in range(k):\n"
                + "  out += ' '.join(map(str, rs.choice(nf, m, replace=False).tolist())) + ' | '\n"
                + "  out += ' '.join(map(str, rs.choice(nr, m, replace=False).tolist())) + ' | '\n"
                + "print(out)", Long.toString(seed), Integer.toString(nFake), Integer.toString(nReal), Integer.toString(size),
                Integer.toString(rounds));
        assertThat(ours.toString().strip()).isEqualTo(numpy.strip());
    }

    @Test
    void intervalStaysInRangeAndHitsBothEnds() {
        LegacyNumpyRandom r = new LegacyNumpyRandom(3);
        boolean zero = false;
        boolean max = false;
        for (int i = 0; i < 10_000; i++) {
            long v = r.interval(6);
            assertThat(v).isBetween(0L, 6L);
            zero |= v == 0;
            max |= v == 6;
        }
        assertThat(zero && max).isTrue();
        assertThat(r.interval(0)).isZero();
    }

    @Test
    void refusesWhatNumpyRefuses() {
        assertThatThrownBy(() -> new LegacyNumpyRandom(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new LegacyNumpyRandom(1L << 32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4294967296");
        assertThatThrownBy(() -> new LegacyNumpyRandom(1).choiceWithoutReplacement(5, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6").hasMessageContaining("5");
    }
}
