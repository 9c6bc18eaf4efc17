package org.wenshu.app.workpoints;

import java.util.Optional;

import org.wenshu.app.accounts.Role;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.archive.tracking.ItemList;
import org.wenshu.archive.tracking.TrackedItem;

/**
 * 访问控制 for tracked items (work points and resolutions) — the one place where the per-unit rule lives, for pages
 * and API alike:
 * <ul>
 * <li>ADMIN (the coordination office) sees every list (drafts too), item and report, creates, imports and publishes
 * lists, accepts and returns reports; it does not report;</li>
 * <li>PROSECUTOR and AGENCY (each bound to a member unit; the procuratorate is one) see the published lists, and of
 * them only the items their unit is responsible for, with their own unit's reports; they report on those items;</li>
 * <li>RESEARCHER sees none of it.</li>
 * </ul>
 * Items and reports a user may not see are reported as not found, so that ids of other units' items reveal nothing.
 */
public final class WorkPointAccess {

    /** Whether {@code user} manages lists and decides on reports (the office). */
    public boolean isOffice(WenshuUser user) {
        return user.role() == Role.ADMIN;
    }

    /** The member unit {@code user} reports for, if a PROSECUTOR or AGENCY. */
    public Optional<String> reportingUnit(WenshuUser user) {
        return user.role() == Role.PROSECUTOR || user.role() == Role.AGENCY ? user.unitId() : Optional.empty();
    }

    /** @throws AccessRefused for a role that has no work points (RESEARCHER) */
    public void requireParticipant(WenshuUser user) {
        if (!isOffice(user) && reportingUnit(user).isEmpty()) {
            throw new AccessRefused("当前账号无权查看工作要点");
        }
    }

    /** @throws AccessRefused unless {@code user} is the office */
    public void requireOffice(WenshuUser user) {
        if (!isOffice(user)) {
            throw new AccessRefused("只有领导小组办公室可以执行此操作");
        }
    }

    public boolean canSee(WenshuUser user, ItemList list) {
        return isOffice(user) || reportingUnit(user).isPresent() && list.published();
    }

    public boolean canSee(WenshuUser user, TrackedItem item) {
        return isOffice(user) || item.active() && reportingUnit(user).flatMap(item::progressOf).isPresent();
    }

    /** Whether {@code user} may report on {@code item} (its state permitting): a responsible unit's officer. */
    public boolean canReport(WenshuUser user, TrackedItem item) {
        return item.active() && reportingUnit(user).flatMap(item::progressOf).isPresent();
    }

    /** The unit whose reports {@code user} sees: empty for the office (every unit's). */
    public Optional<String> reportsOf(WenshuUser user) {
        return isOffice(user) ? Optional.empty() : reportingUnit(user);
    }
}
