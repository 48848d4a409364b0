package org.ganeval4j.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ganeval4j.metric.FeatureReservoir;
import org.junit.jupiter.api.Test;

class FeatureMatrixTest {
    @Test
    void copiesOnTheWayInAndOut() {
        float[] x = {1, 2, 3, 4, 5, 6};
        FeatureMatrix m = FeatureMatrix.of(x, 2, 3);
        x[0] = 99;
        assertThat(m.get(0, 0)).isEqualTo(1);
        m.toArray()[1] = 99;
        m.row(1)[0] = 99;
        assertThat(m.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(m.rows(1, 2).toArray()).containsExactly(4, 5, 6);
        assertThat(FeatureMatrix.of(new float[][] {{1, 2}, {3, 4}}).toArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void readsNd4jArraysOfAnyOrderAndFloatType() {
        org.nd4j.linalg.api.ndarray.INDArray a = org.nd4j.linalg.factory.Nd4j.create(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(FeatureMatrix.of(a).toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        FeatureMatrix t = FeatureMatrix.of(a.transpose());
        assertThat(t.rows()).isEqualTo(3);
        assertThat(t.toArray()).containsExactly(1, 4, 2, 5, 3, 6);
        assertThatThrownBy(() -> FeatureMatrix.of(org.nd4j.linalg.factory.Nd4j.zeros(2, 2, 2))).hasMessageContaining("[2, 2, 2]");
        FeatureReservoir r = FeatureReservoir.builder(4, 3).build();
        r.add(a);
        assertThat(r.size()).isEqualTo(2);
    }

    @Test
    void refusesBadShapesAndNonFiniteValuesNamingThem() {
        assertThatThrownBy(() -> FeatureMatrix.of(new float[5], 2, 3)).hasMessageContaining("6").hasMessageContaining("found 5");
        assertThatThrownBy(() -> FeatureMatrix.of(new float[] {1, 2, 3, Float.POSITIVE_INFINITY}, 2, 2))
                .hasMessageContaining("Infinity").hasMessageContaining("row 1").hasMessageContaining("column 1");
        assertThatThrownBy(() -> FeatureMatrix.of(new float[][] {{1, 2}, {3}})).hasMessageContaining("row 1 has 1");
        assertThatThrownBy(() -> FeatureMatrix.of(new float[0], 0, 0)).hasMessageContaining("cols=0");
    }
}
