package org.wenshu.app;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenshu.app.instruments.Instruments;
import org.wenshu.app.meetings.JointMeetings;
import org.wenshu.app.meetings.ResolutionHandOff;
import org.wenshu.app.meetings.TrackedResolutions;
import org.wenshu.archive.Archive;
import org.wenshu.archive.meetings.Meetings;
import org.wenshu.archive.tracking.TrackedItems;
import org.wenshu.templates.InstrumentCatalog;

/** Wires the joint meetings (联席会议): attendance replies and minutes over the archive's database. */
@Configuration(proxyBeanMethods = false)
public class MeetingsConfiguration {

    @Bean
    Meetings meetings(DataSource dataSource, Archive archive) {
        return new Meetings(dataSource, archive);
    }

    @Bean
    JointMeetings jointMeetings(Instruments instruments, Meetings meetings, InstrumentCatalog catalog,
                                ResolutionHandOff handOff) {
        return new JointMeetings(instruments, meetings, catalog, handOff);
    }

    @Bean
    ResolutionHandOff resolutionHandOff(TrackedItems trackedItems) {
        return new TrackedResolutions(trackedItems);
    }
}
