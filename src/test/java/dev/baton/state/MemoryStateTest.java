package dev.baton.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.routing.CooldownBoard;
import org.junit.jupiter.api.Test;

class MemoryStateTest extends StateContract {
    final MemoryState state = new MemoryState();

    @Override
    StateStore store() {
        return state;
    }

    @Override
    StateStore secondInstance() {
        return state;
    }

    @Test
    void oneInstanceSharesNoCooldowns() {
        assertThat(state.cooldowns()).isSameAs(CooldownBoard.NONE);
    }
}
