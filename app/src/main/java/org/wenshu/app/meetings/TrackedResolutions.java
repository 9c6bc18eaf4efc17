package org.wenshu.app.meetings;

import java.util.ArrayList;
import java.util.List;

import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.tracking.ItemDraft;
import org.wenshu.archive.tracking.ItemQuery;
import org.wenshu.archive.tracking.SourceKind;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.archive.tracking.TrackedItems;
import org.wenshu.templates.Resolution;

/**
 * The hand-off to the tracked items (督办事项): each resolution of issued minutes becomes an item of source
 * RESOLUTION whose source id is the minutes' record id, numbered in the minutes' order, of the year of the minutes'
 * document number, with the resolution's lead unit, co-operating units and deadline. Idempotent: minutes whose
 * resolutions are tracked already are left as they are.
 */
public final class TrackedResolutions implements ResolutionHandOff {

    private final TrackedItems items;

    public TrackedResolutions(TrackedItems items) {
        this.items = items;
    }

    @Override
    public void track(InstrumentRecord minutes, List<Resolution> resolutions, WenshuUser user) {
        if (resolutions.isEmpty() || !tracked(minutes.id()).isEmpty()) {
            return;
        }
        List<ItemDraft> drafts = new ArrayList<>();
        for (int i = 0; i < resolutions.size(); i++) {
            Resolution resolution = resolutions.get(i);
            drafts.add(new ItemDraft(i + 1, resolution.title(), "会议纪要 " + minutes.number().text() + " 议定事项",
                    resolution.leadUnit(), resolution.coUnits(), resolution.deadline().toString()));
        }
        items.createFromResolutions(minutes.id(), minutes.number().year(), drafts,
                minutes.issuingUnit().name() + "（" + user.getDisplayName() + "）");
    }

    @Override
    public List<TrackedItem> tracked(String minutesId) {
        return items.items(ItemQuery.all().from(SourceKind.RESOLUTION, minutesId));
    }
}
