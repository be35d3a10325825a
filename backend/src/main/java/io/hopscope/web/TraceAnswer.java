package io.hopscope.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.hopscope.diagram.PolicyDiagram;
import io.hopscope.diagram.TraceDiagram;
import io.hopscope.trace.Trace;

/**
 * The trace API's answer: the engine's {@link Trace} with its two diagrams rendered. The trace's
 * fields are written inline, so the JSON is one flat object ({@code from ... findings, mermaid,
 * policyMermaid}); the trace engine itself renders nothing.
 *
 * @param trace the traced path
 * @param mermaid the path diagram (Mermaid flowchart)
 * @param policyMermaid the policy decision diagram (Mermaid flowchart)
 */
public record TraceAnswer(@JsonUnwrapped Trace trace, String mermaid, String policyMermaid) {

  static TraceAnswer of(Trace trace) {
    return new TraceAnswer(trace, TraceDiagram.render(trace), PolicyDiagram.render(trace.policy()));
  }
}
