package dev.baton.canonical;

/** How the model may use tools. Parallel calls are a separate switch: {@link ChatRequest#parallelToolCalls()}. */
public sealed interface ToolChoice {
    /** The model decides. */
    record Auto() implements ToolChoice {
    }

    /** The model must call some tool. */
    record Any() implements ToolChoice {
    }

    /** The model must not call tools. */
    record None() implements ToolChoice {
    }

    /** The model must call this tool. */
    record Named(String name) implements ToolChoice {
    }

    ToolChoice AUTO = new Auto();
    ToolChoice ANY = new Any();
    ToolChoice NONE = new None();
}
