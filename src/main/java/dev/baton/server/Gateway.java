package dev.baton.server;

import dev.baton.config.BatonConfig;
import dev.baton.config.Deployment;
import dev.baton.dialect.anthropic.TokenEstimator;
import dev.baton.journal.Journal;
import dev.baton.provider.HttpTransport;
import dev.baton.provider.Upstream;
import dev.baton.provider.Upstreams;
import dev.baton.routing.FallbackEngine;
import dev.baton.routing.GroupResolver;
import dev.baton.routing.HealthRegistry;
import dev.baton.routing.SwitchBus;
import dev.baton.routing.SwitchTracker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Everything a running gateway is made of, wired from one config. */
public final class Gateway implements AutoCloseable {
    private final BatonConfig config;
    private final HttpTransport transport;
    private final Map<String, Upstream> upstreams = new HashMap<>();
    private final GroupResolver groups;
    private final SwitchBus switches;
    private final FallbackEngine engine;
    private final TokenEstimator tokens;
    private final Auth auth;
    private final Journal journal;

    /**
     * An embedded gateway (demo, tests): the journal writes only to a repository `baton.journal.repo` names, and
     * notifications go only to channels the config names.
     */
    public Gateway(BatonConfig config) {
        this(config, null);
    }

    /** @param serveDir the directory `baton serve` runs in: the journal's repository by default when it is one */
    public Gateway(BatonConfig config, Path serveDir) {
        this.config = config;
        this.transport = new HttpTransport(config.baton().connectTimeout());
        for (Deployment d : config.modelList()) upstreams.put(d.id(), Upstreams.forDeployment(d, transport));
        this.groups = new GroupResolver(config.modelList());
        this.switches = new SwitchBus();
        Clock clock = Clock.systemUTC();
        this.engine = new FallbackEngine(groups, config.router(), config.baton(), new HealthRegistry(),
                new SwitchTracker(switches, clock), clock);
        this.tokens = TokenEstimator.shared();
        this.auth = new Auth(config.general().masterKey());
        // embedded gateways (demo, tests) leave DISCORD_WEBHOOK_URL and friends alone: only `baton serve` reads them
        this.journal = Journal.start(config.baton(), serveDir != null ? System.getenv() : Map.of(), serveDir);
        switches.subscribe(journal::onSwitch);
    }

    public BatonConfig config() {
        return config;
    }

    public SwitchBus switches() {
        return switches;
    }

    public FallbackEngine engine() {
        return engine;
    }

    /** Switch journal, webhook intake and notifications ({@link Journal#alerts()} for alerts). */
    public Journal journal() {
        return journal;
    }

    GroupResolver groups() {
        return groups;
    }

    Upstream upstream(Deployment d) {
        return upstreams.get(d.id());
    }

    TokenEstimator tokens() {
        return tokens;
    }

    Auth auth() {
        return auth;
    }

    @Override
    public void close() {
        switches.close();
        journal.close();
        transport.close();
    }
}
