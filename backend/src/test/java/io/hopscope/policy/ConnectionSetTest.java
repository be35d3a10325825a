package io.hopscope.policy;

import static io.hopscope.topology.Protocol.SCTP;
import static io.hopscope.topology.Protocol.TCP;
import static io.hopscope.topology.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConnectionSetTest {

  @Test
  @DisplayName("every port of every protocol prints as All Connections, nothing as No Connections")
  void allAndNone() {
    assertThat(ConnectionSet.ALL).hasToString("All Connections");
    assertThat(ConnectionSet.NONE).hasToString("No Connections");
    assertThat(
            ConnectionSet.allOf(TCP)
                .union(ConnectionSet.allOf(UDP))
                .union(ConnectionSet.allOf(SCTP)))
        .isEqualTo(ConnectionSet.ALL);
  }

  @Test
  @DisplayName("protocols print sorted by name with merged, comma-joined port ranges")
  void connlistNotation() {
    ConnectionSet set =
        ConnectionSet.of(UDP, 10053, 10053)
            .union(ConnectionSet.of(TCP, 10054, 10054))
            .union(ConnectionSet.of(TCP, 10053, 10053))
            .union(ConnectionSet.of(SCTP, 7070, 7070))
            .union(ConnectionSet.of(TCP, 8080, 8081));
    assertThat(set).hasToString("SCTP 7070,TCP 8080-8081,10053-10054,UDP 10053");
  }

  @Test
  @DisplayName("intersection keeps what both allow, per protocol")
  void intersection() {
    ConnectionSet a = ConnectionSet.of(TCP, 80, 90).union(ConnectionSet.allOf(UDP));
    ConnectionSet b = ConnectionSet.of(TCP, 85, 100).union(ConnectionSet.of(SCTP, 1, 5));
    assertThat(a.intersect(b)).hasToString("TCP 85-90");
    assertThat(a.intersect(ConnectionSet.ALL)).isEqualTo(a);
    assertThat(a.intersect(ConnectionSet.NONE).isEmpty()).isTrue();
    assertThat(a.contains(TCP, 90)).isTrue();
    assertThat(a.contains(TCP, 91)).isFalse();
  }

  @Test
  @DisplayName("ports outside 1-65535 are clipped")
  void clipped() {
    assertThat(ConnectionSet.of(TCP, 0, 70000)).isEqualTo(ConnectionSet.allOf(TCP));
    assertThat(ConnectionSet.of(TCP, 10, 5).isEmpty()).isTrue();
  }
}
