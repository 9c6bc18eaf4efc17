package org.wenshu.app.meetings;

import java.util.List;

import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.templates.Resolution;

/**
 * Hands the resolutions (议定事项) of issued minutes on to follow-up: each becomes a tracked item (督办事项) with its
 * lead unit, co-operating units and deadline. The one seam between the minutes and the tracked-item model.
 */
public interface ResolutionHandOff {

    /** Makes one tracked item per resolution of {@code minutes}, in order; called once the minutes are issued. */
    void track(InstrumentRecord minutes, List<Resolution> resolutions, WenshuUser user);

    /** The tracked items made from the resolutions of the minutes {@code minutesId}, in the minutes' order. */
    List<TrackedItem> tracked(String minutesId);
}
