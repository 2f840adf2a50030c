package dev.baton.server;

import dev.baton.catalog.ModelCatalog;
import dev.baton.catalog.ModelInfo;
import dev.baton.config.BatonConfig;
import dev.baton.config.Deployment;
import dev.baton.dialect.anthropic.TokenEstimator;
import dev.baton.journal.Journal;
import dev.baton.keys.VirtualKeys;
import dev.baton.metrics.BatonMetrics;
import dev.baton.provider.HttpTransport;
import dev.baton.provider.Upstream;
import dev.baton.provider.Upstreams;
import dev.baton.routing.FallbackEngine;
import dev.baton.routing.GroupResolver;
import dev.baton.routing.HealthRegistry;
import dev.baton.routing.Ranker;
import dev.baton.routing.RouteRules;
import dev.baton.routing.RouteRulesReader;
import dev.baton.routing.RoutingSettings;
import dev.baton.routing.strategy.RoutingStrategy;
import dev.baton.routing.strategy.Strategies;
import dev.baton.routing.SessionAffinity;
import dev.baton.routing.SwitchBus;
import dev.baton.routing.SwitchTracker;
import dev.baton.state.StateStore;
import dev.baton.state.States;
import dev.baton.store.Database;
import dev.baton.store.KeyStore;
import dev.baton.store.UsageStore;
import dev.baton.usage.AlertSink;
import dev.baton.usage.LimitExceeded;
import dev.baton.usage.Metering;
import dev.baton.usage.RequestMeter;
import dev.baton.usage.UsageSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** Everything a running gateway is made of, wired from one config. */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private final BatonConfig config;
    private final HttpTransport transport;
    private final Map<String, Upstream> upstreams = new HashMap<>();
    private final GroupResolver groups;
    private final RouteRules rules;
    private final SwitchBus switches;
    private final FallbackEngine engine;
    private final RoutingSettings routingSettings;
    private final TokenEstimator tokens;
    private final Auth auth;
    private final StateStore state;
    private final Database database;
    private final VirtualKeys keys;
    private final BatonMetrics metrics;
    private final Metering metering;
    private final Journal journal;
    private final Map<String, String> env;
    /** The routing strategy the config (or the environment) names; a switch by hand may put another in force. */
    private final RoutingStrategy configuredStrategy;

    /**
     * An embedded gateway (demo, tests): the journal writes only to a repository `baton.journal.repo` names, and
     * notifications go only to channels the config names; the environment is not read.
     */
    public Gateway(BatonConfig config) {
        this(config, null);
    }

    /** @param serveDir the directory `baton serve` runs in: the journal's repository by default when it is one */
    public Gateway(BatonConfig config, Path serveDir) {
        // embedded gateways (demo, tests) leave DISCORD_WEBHOOK_URL, *_COST_ALERT_THRESHOLD and friends alone
        this(config, serveDir, serveDir != null ? System.getenv() : Map.of());
    }

    /** @param env for what the environment may set: notification channels, cost alert thresholds */
    public Gateway(BatonConfig config, Path serveDir, Map<String, String> env) {
        this.config = config;
        this.env = env;
        UsageSettings usage = UsageSettings.from(config, env);
        this.groups = new GroupResolver(config.modelList(), config.router().modelGroupAlias());
        this.rules = RouteRulesReader.read(config.baton().sections(), groups); // a config error before anything is opened
        ModelCatalog catalog = ModelCatalog.load(usage.pricingFile()); // a bad pricing_file too
        this.state = States.open(config.router().redis());
        this.database = open(() -> Database.open(usage.databaseUrl(), usage.databasePath()));
        this.transport = new HttpTransport(config.baton().connectTimeout());
        for (Deployment d : config.modelList()) upstreams.put(d.id(), Upstreams.forDeployment(d, transport, catalog));
        this.switches = new SwitchBus();
        Clock clock = Clock.systemUTC();
        HealthRegistry health = new HealthRegistry(state.cooldowns());
        this.configuredStrategy = strategy(config, env);
        Ranker ranker = new Ranker(configuredStrategy, health, this::pricePerMillionTokens, clock);
        this.routingSettings = RoutingSettings.from(config.baton().sections(), env);
        this.engine = new FallbackEngine(groups, config.router(), config.baton(), routingSettings, health, new SwitchTracker(switches, clock,
                new SessionAffinity(state.sessions())), ranker, clock);
        RoutingControl.followOtherInstances(state, ranker, configuredStrategy, health, config.modelList());
        this.tokens = TokenEstimator.shared();
        this.keys = new VirtualKeys(new KeyStore(database), clock);
        this.auth = new Auth(config.general().masterKey(), keys, config.general().allowMasterKeyTraffic());
        this.journal = Journal.start(config.baton(), env, serveDir);
        switches.subscribe(journal::onSwitch);
        this.metrics = new BatonMetrics();
        metrics.deployments(config.modelList(), health);
        switches.subscribe(metrics::fallback);
        AlertSink alerts = (title, text) -> { // Baton's log, and every notification channel the config names
            AlertSink.LOG.alert(title, text);
            journal.alerts().alert(title, text);
        };
        this.metering = new Metering(usage, catalog, new UsageStore(database), state, metrics, alerts, clock);
        metering.onFinished(r -> { // what strategies weigh: each deployment's speed
            if (r.deployment() != null && r.status() == 200) {
                health.stats(r.deployment()).served(r.ttftMs(), r.latencyMs(), r.usage().outputTokens());
            }
        });
    }

    /** `router_settings.routing_strategy`, else `DEFAULT_ROUTING_STRATEGY`, else priority by `order`. */
    static RoutingStrategy strategy(BatonConfig config, Map<String, String> env) {
        String name = config.router().routingStrategy();
        String where = "router_settings.routing_strategy";
        if (name == null) {
            name = env.get("DEFAULT_ROUTING_STRATEGY");
            where = "DEFAULT_ROUTING_STRATEGY";
        }
        if (name == null || name.isBlank()) return Strategies.PRIORITY;
        String given = name;
        String from = where;
        return Strategies.named(name).orElseThrow(() -> new dev.baton.config.ConfigException(from + ": unknown routing strategy '"
                + given + "'; known: " + String.join(", ", Strategies.names())));
    }

    /** What a deployment charges per million tokens, three input to one output, from the model catalog; NaN if unknown. */
    private double pricePerMillionTokens(Deployment d, String upstreamModel) {
        ModelInfo info = metering.catalog().of(d, upstreamModel);
        return info.known() ? (3 * info.inputCostPerMillion() + info.outputCostPerMillion()) / 4 : Double.NaN;
    }

    /** Opens with what is already open closed again if it fails. */
    private Database open(java.util.function.Supplier<Database> opener) {
        try {
            return opener.get();
        } catch (RuntimeException e) {
            state.close();
            throw e;
        }
    }

    public BatonConfig config() {
        return config;
    }

    public SwitchBus switches() {
        return switches;
    }

    public RoutingStrategy configuredStrategy() {
        return configuredStrategy;
    }

    public FallbackEngine engine() {
        return engine;
    }

    public RoutingSettings routingSettings() {
        return routingSettings;
    }

    public Metering metering() {
        return metering;
    }

    public VirtualKeys keys() {
        return keys;
    }

    public BatonMetrics metrics() {
        return metrics;
    }

    public StateStore state() {
        return state;
    }

    /** Switch journal, webhook intake and notifications ({@link Journal#alerts()} for alerts). */
    public Journal journal() {
        return journal;
    }

    /** What the environment may set (empty for an embedded gateway): the dashboard's login and alert thresholds. */
    Map<String, String> env() {
        return env;
    }

    GroupResolver groups() {
        return groups;
    }

    /** `baton.routes`: which group a request goes to when a rule matches it, and the virtual model `auto`. */
    public RouteRules rules() {
        return rules;
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

    /**
     * Opens the request's usage account and admits it under the caller's key limits (model, budget, rpm, tpm);
     * a refused request becomes a {@link HttpErrors.BadRequest} in the caller's dialect.
     */
    RequestMeter meter(Exchange ex, FallbackEngine.Route route, dev.baton.dialect.CallerBody body, boolean stream) {
        GroupResolver.Resolution r = route.resolution();
        try {
            return metering.start(ex.startNanos(), ex.caller.key(), ex.caller.admin(), route.session(), r, engine.chain(route), body, stream);
        } catch (LimitExceeded e) {
            throw new HttpErrors.BadRequest(e.status(), e.getMessage(), e.headers());
        } catch (dev.baton.dialect.InvalidRequestException e) { // the body, not the shared state
            throw e;
        } catch (RuntimeException e) { // Redis or the database away: a key's limits cannot be checked, so it waits
            LOG.warn("cannot check the limits of key {}: {}", ex.caller.key() == null ? "-" : ex.caller.key().label(), e.getMessage());
            throw new HttpErrors.BadRequest(503, "Baton cannot check this key's limits right now (shared state unavailable); retry shortly",
                    Map.of("retry-after", "5"));
        }
    }

    /**
     * Gives up on what is still in flight (a shutdown whose grace period is over): routing stops and every upstream
     * exchange in progress is broken off, so that each request still open answers its caller and ends.
     */
    public void shutDown() {
        engine.shutDown();
        transport.abortInFlight();
    }

    @Override
    public void close() {
        metering.close(); // writes what is still queued
        keys.close();
        switches.close();
        journal.close();
        transport.close();
        state.close();
        database.close();
    }
}
