package dev.baton.ui;

import dev.baton.server.DeploymentView;
import dev.baton.server.RoutingControl;
import java.util.function.Supplier;

/**
 * The Live page's actions, through the admin API's own code ({@link RoutingControl}): switch the routing strategy,
 * cool a deployment down, put it back into service. Each is undone by another (switch back, Recover, Cool down), so
 * none asks to confirm; each answers with a notice of what changed, above the Live page.
 */
final class RoutingActions {
    private RoutingActions() {
    }

    /** @param before the strategy in force until now */
    static String switchStrategy(UiExchange ex, RoutingControl control, String before) {
        String after = refusing(() -> control.switchStrategy(ex.form("strategy"), by(ex))).name();
        if (after.equals(before)) return notice("strategy-switched", "The routing strategy is <code>" + Html.esc(after) + "</code> already.");
        return notice("strategy-switched", "Routing strategy switched from <code>" + Html.esc(before) + "</code> to <code>"
                + Html.esc(after) + "</code>: it ranks deployments of equal <code>order</code> for every request from now on "
                + "(sessions stay where they are served). On this instance, until it restarts.");
    }

    static String coolDown(UiExchange ex, RoutingControl control) {
        String seconds = ex.form("seconds");
        DeploymentView v = refusing(() -> control.coolDown(ex.form("deployment"), seconds == null ? null : number(seconds), by(ex)));
        return notice("cooled", "<code>" + Html.esc(v.deployment().id()) + "</code> is cooling for " + v.cooldownLeft().toSeconds()
                + " s: requests go to the rest of its chain meanwhile, then one probes it. Recover puts it back at once.");
    }

    static String recover(UiExchange ex, RoutingControl control) {
        DeploymentView v = refusing(() -> control.recover(ex.form("deployment"), by(ex)));
        return notice("recovered", "<code>" + Html.esc(v.deployment().id()) + "</code> is back in service: no cooldown, no probation, "
                + "its failures forgotten.");
    }

    private static String by(UiExchange ex) {
        return "dashboard user " + ex.session.user();
    }

    /** A malformed number is refused like an out-of-range one (NaN). */
    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A change {@link RoutingControl} refuses, as the dashboard's 400 or 404 page. */
    private static <T> T refusing(Supplier<T> change) {
        return RoutingControl.refusing(change, UiExchange.Refused::new);
    }

    private static String notice(String id, String html) {
        return "<p class=\"panel notice\" id=\"" + id + "\">" + html + "</p>";
    }
}
