package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InteractionsTest {

  @Test
  void build_indexesIdsInOrderOfFirstAppearance_andSortsRowsByItem() {
    Interactions x = Interactions.builder()
        .add("ann", "t2", 1, Float.NaN, 10)
        .add("bob", "t1", 2, Float.NaN, 20)
        .add("ann", "t1", 3, 4f, 30)
        .build();

    assertThat(x.userCount()).isEqualTo(2);
    assertThat(x.itemCount()).isEqualTo(2);
    assertThat(x.users().indexOf("bob")).isEqualTo(1);
    assertThat(x.items().id(0)).isEqualTo("t2");
    assertThat(x.itemsOf(0)).containsExactly(0, 1);
    assertThat(x.weightsOf(0)).containsExactly(1f, 3f);
    assertThat(x.rating(0, 1)).isEqualTo(4f);
    assertThat(x.rating(0, 0)).isNaN();
    assertThat(x.size()).isEqualTo(3);
  }

  @Test
  void sameCellTwice_addsWeights_keepsTheLaterRatingAndTime() {
    Interactions x = Interactions.builder()
        .add("u", "i", 1, 5f, 100)
        .add("u", "i", 0.5f, Float.NaN, 300)
        .add("u", "i", 0.25f, 2f, 200)
        .build();

    assertThat(x.size()).isEqualTo(1);
    assertThat(x.weight(0, 0)).isEqualTo(1.75f);
    assertThat(x.rating(0, 0)).isEqualTo(2f); // rated at 200, after the 5 at 100
    assertThat(x.latestTime()).isEqualTo(300);
  }

  @Test
  void columns_mirrorRows() {
    Interactions x = Interactions.builder()
        .add("a", "i", 1, Float.NaN, 1)
        .add("b", "i", 2, Float.NaN, 2)
        .add("b", "j", 3, Float.NaN, 3)
        .build();

    assertThat(x.userCountOf(0)).isEqualTo(2);
    assertThat(x.userCountOf(1)).isEqualTo(1);
    assertThat(x.colUser).containsExactly(0, 1, 1);
    assertThat(x.colWeight).containsExactly(1f, 2f, 3f);
  }

  @Test
  void builderFromDictionaries_keepsTheirIndices_andRegistersUsersWithoutFeedback() {
    IdIndex users = new IdIndex(java.util.List.of("u0", "u1", "u2"));
    IdIndex items = new IdIndex(java.util.List.of("i0", "i1"));
    Interactions.Builder b = Interactions.builder(users, items).add(2, 1, 1, Float.NaN, 0);
    b.addUser("u3");

    Interactions x = b.build();

    assertThat(x.userCount()).isEqualTo(4);
    assertThat(x.historyLength(0)).isZero();
    assertThat(x.itemsOf(2)).containsExactly(1);
    assertThat(x.users().id(3)).isEqualTo("u3");
  }
}
