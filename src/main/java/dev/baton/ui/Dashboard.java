package dev.baton.ui;

import dev.baton.config.Secret;
import dev.baton.server.Gateway;
import dev.baton.server.RoutingControl;
import dev.baton.usage.UsageSettings;
import java.io.UncheckedIOException;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `/ui`: the dashboard, served by the gateway itself. Everything but the login page and its stylesheet needs a
 * logged-in session (cookie `baton_ui`: HttpOnly, SameSite=Strict); every POST must carry the session's CSRF token,
 * the login form its own (a double-submit cookie). Answers {@code false} for any other path, so the gateway's
 * routes follow it in one handler sequence.
 */
public final class Dashboard extends Handler.Abstract implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    static final String SESSION_COOKIE = "baton_ui";
    static final String LOGIN_COOKIE = "baton_ui_login";
    private static final String LOGIN_LOCATION = "/ui/login";

    private final Gateway gateway;
    private final UiLogin login;
    private final SpendPage.Thresholds alerts;
    private final UiSessions sessions = new UiSessions();
    private final Assets assets = new Assets();
    private final LiveSampler sampler;
    private final DeploymentStates states;
    private final LiveFeed live;
    private final RoutingControl routing;
    private final SwitchLog switches = new SwitchLog();
    private final ReviewRepo review;

    /** @param env where UI_USERNAME, UI_PASSWORD and the cost alert thresholds are read */
    public Dashboard(Gateway gateway, Map<String, String> env) {
        this.gateway = gateway;
        Secret master = gateway.config().general().masterKey();
        this.login = UiLogin.from(master, env);
        UsageSettings usage = UsageSettings.from(gateway.config(), env);
        this.alerts = new SpendPage.Thresholds(usage.hourlyAlertUsd(), usage.dailyAlertUsd());
        gateway.switches().subscribe(switches);
        this.sampler = new LiveSampler(gateway.metrics());
        this.states = new DeploymentStates(gateway);
        this.live = new LiveFeed(states, sampler, switches);
        this.routing = new RoutingControl(gateway);
        this.review = new ReviewRepo(gateway.journal().settings(), gateway.metering().store());
        LOG.info(login.enabled() ? "dashboard at /ui" : "dashboard off: set UI_USERNAME and UI_PASSWORD, or a master key");
    }

    static boolean owns(String path) {
        return path.equals("/ui") || path.startsWith("/ui/");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!owns(request.getHttpURI().getPath())) return false;
        UiExchange ex = new UiExchange(request, response);
        try {
            route(ex);
            callback.succeeded();
        } catch (UiExchange.Refused refused) {
            answer(ex, refused.status, refused.getMessage(), callback);
        } catch (IllegalArgumentException bad) { // a malformed %-escape in a query or form
            answer(ex, 400, "malformed request: " + bad.getMessage(), callback);
        } catch (UncheckedIOException gone) {
            callback.failed(gone.getCause());
        } catch (Exception e) {
            LOG.error("dashboard request {} failed", ex.path, e);
            answer(ex, 500, "internal error in Baton's dashboard: " + e.getClass().getSimpleName(), callback);
        }
        return true;
    }

    private void answer(UiExchange ex, int status, String message, Callback callback) {
        try {
            if (!ex.response.isCommitted()) {
                if (ex.session != null) ex.html(status, Html.page("Error " + status, null, ex.session, "<p class=\"error\" id=\"error\">"
                        + Html.esc(message) + "</p>"));
                else ex.text(status, message);
            }
            callback.succeeded();
        } catch (RuntimeException e) {
            callback.failed(e);
        }
    }

    private void route(UiExchange ex) throws Exception {
        String path = ex.path.length() > 3 && ex.path.endsWith("/") ? ex.path.substring(0, ex.path.length() - 1) : ex.path;
        if (path.equals("/ui/assets/" + Assets.PUBLIC)) {
            asset(ex, Assets.PUBLIC);
            return;
        }
        if (!login.enabled()) {
            ex.html(503, LoginPage.disabled());
            return;
        }
        if (path.equals(LOGIN_LOCATION)) {
            login(ex);
            return;
        }
        ex.session = sessions.find(ex.cookie(SESSION_COOKIE));
        if (ex.session == null) {
            boolean page = ex.method.equals("GET") && !path.startsWith("/ui/assets/") && !path.equals("/ui/events");
            if (page) ex.redirect(LOGIN_LOCATION);
            else ex.text(401, "log in first: " + LOGIN_LOCATION);
            return;
        }
        if (ex.method.equals("POST")) {
            if (!ex.session.csrfMatches(ex.form("_csrf"))) throw new UiExchange.Refused(403, "missing or wrong CSRF token: reload the page and try again");
            post(ex, path);
        } else if (ex.method.equals("GET")) {
            get(ex, path);
        } else {
            throw new UiExchange.Refused(405, "use GET or POST");
        }
    }

    private void get(UiExchange ex, String path) throws Exception {
        UiSessions.Session s = ex.session;
        switch (path) {
            case "/ui" -> ex.redirect("/ui/live");
            case "/ui/live" -> livePage(ex, null);
            case "/ui/events" -> live.stream(ex);
            case "/ui/requests" -> ex.html(200, RequestsPage.render(s, ex, gateway.metering().store()));
            case "/ui/spend" -> ex.html(200, SpendPage.render(s, ex, gateway.metering().store(), gateway.keys().list(),
                    gateway.metering().limits(), alerts));
            case "/ui/timeline" -> ex.html(200, TimelinePage.render(s, switches.bySession()));
            case "/ui/journal" -> ex.html(200, JournalPage.render(s, review));
            case "/ui/journal/diff" -> ex.html(200, JournalPage.diff(s, review, ex.query("tag")));
            case "/ui/keys" -> ex.html(200, KeysPage.render(s, gateway.keys(), gateway.metering().limits(), null));
            default -> {
                if (path.startsWith("/ui/assets/")) asset(ex, path.substring("/ui/assets/".length()));
                else throw new UiExchange.Refused(404, "no page " + path);
            }
        }
    }

    private void post(UiExchange ex, String path) throws Exception {
        UiSessions.Session s = ex.session;
        boolean confirmed = "yes".equals(ex.form("confirm"));
        switch (path) {
            case "/ui/logout" -> {
                sessions.close(s.id());
                ex.setCookie(SESSION_COOKIE, "", 0);
                ex.redirect(LOGIN_LOCATION);
            }
            case "/ui/journal/accept" -> ex.html(200, ReviewActions.accept(s, review, ex.form("target"), confirmed));
            case "/ui/journal/rollback" -> ex.html(200, ReviewActions.rollback(s, review, ex.form("target"), confirmed));
            case "/ui/keys/create" -> ex.html(200, KeysPage.create(s, ex, gateway.keys(), gateway.metering().limits()));
            case "/ui/keys/revoke" -> ex.html(200, KeysPage.revoke(s, ex, gateway.keys(), gateway.metering().limits()));
            case "/ui/routing/strategy" -> livePage(ex, RoutingActions.switchStrategy(ex, routing, states.strategy()));
            case "/ui/routing/cooldown" -> livePage(ex, RoutingActions.coolDown(ex, routing));
            case "/ui/routing/recover" -> livePage(ex, RoutingActions.recover(ex, routing));
            default -> throw new UiExchange.Refused(404, "no action " + path);
        }
    }

    /** The Live page, with what an action just changed ({@code notice}, HTML) above it. */
    private void livePage(UiExchange ex, String notice) {
        ex.html(200, LivePage.render(ex.session, live.snapshot(), states.strategy(), notice));
    }

    /** GET: the form, with a fresh token in a cookie and in the form. POST: the token must match, then the credentials. */
    private void login(UiExchange ex) {
        if (ex.method.equals("GET")) {
            if (sessions.find(ex.cookie(SESSION_COOKIE)) != null) {
                ex.redirect("/ui/live");
                return;
            }
            loginForm(ex, 200, null);
            return;
        }
        if (!ex.method.equals("POST")) throw new UiExchange.Refused(405, "use GET or POST");
        String expected = ex.cookie(LOGIN_COOKIE);
        String presented = ex.form("_csrf");
        if (!UiSessions.tokensMatch(expected, presented)) {
            loginForm(ex, 403, "The login form expired; please log in again.");
            return;
        }
        String user = ex.form("username");
        if (!login.accepts(user, ex.form("password"))) {
            LOG.info("dashboard: failed login from {}", Request.getRemoteAddr(ex.request));
            loginForm(ex, 401, "Wrong username or password.");
            return;
        }
        UiSessions.Session s = sessions.open(user);
        LOG.info("dashboard: {} logged in from {}", user, Request.getRemoteAddr(ex.request));
        ex.setCookie(LOGIN_COOKIE, "", 0);
        ex.setCookie(SESSION_COOKIE, s.id(), UiSessions.IDLE.toSeconds());
        ex.redirect("/ui/live");
    }

    private void loginForm(UiExchange ex, int status, String error) {
        String token = UiSessions.token();
        ex.setCookie(LOGIN_COOKIE, token, 3600);
        ex.html(status, LoginPage.form(token, error));
    }

    /** Static files: immutable for a day (their names do not change with releases, so not longer), gzipped when the browser takes it. */
    private void asset(UiExchange ex, String name) {
        Assets.Asset a = assets.get(name);
        if (a == null) throw new UiExchange.Refused(404, "no asset " + name);
        String accept = ex.request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
        boolean gzip = accept != null && accept.contains("gzip");
        ex.response.getHeaders().put(HttpHeader.VARY, "Accept-Encoding");
        if (gzip) ex.response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
        ex.send(200, a.contentType(), gzip ? a.gzipped() : a.plain(), "private, max-age=86400");
    }

    @Override
    public void close() {
        live.close();
        sampler.close();
    }
}
