package io.hopscope.source.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoScenariosTest {

  private final DemoScenarios scenarios = new DemoScenarios();

  @Test
  @DisplayName("A scenario folder on the classpath is loaded through the manifests code path")
  void loadsScenarioFromClasspath() {
    var state = scenarios.load("test-tiny");
    assertThat(state.source().kind()).isEqualTo("demo");
    assertThat(state.source().name()).isEqualTo("test-tiny");
    assertThat(state.network().plugin()).isEqualTo(CniPlugin.FLANNEL);
    assertThat(state.network().mode()).isEqualTo(CniMode.VXLAN);
    assertThat(state.pods()).extracting(p -> p.ref().toString()).containsExactly("shop/web");
    assertThat(state.services().get(0).endpoints()).hasSize(1);
  }

  @Test
  @DisplayName("Loading the same scenario twice gives equal clusters (apart from the capture time)")
  void deterministic() {
    var a = scenarios.load("test-tiny");
    var b = scenarios.load("test-tiny");
    assertThat(a.pods()).isEqualTo(b.pods());
    assertThat(a.interfaces()).isEqualTo(b.interfaces());
    assertThat(a.links()).isEqualTo(b.links());
  }

  @Test
  @DisplayName("An unknown scenario is rejected with the list of valid names")
  void unknownScenario() {
    assertThatThrownBy(() -> scenarios.load("no-such-cluster"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown demo scenario 'no-such-cluster'");
  }
}
