package org.wenshu.archive.leads;

import java.util.List;

import org.wenshu.archive.UploadedFile;

/**
 * What an agency officer files (线索移送): the filing and receiving units (id or name), the officer's name, the
 * type, a title, the facts, the domain, the legal basis they see and zero or more attachments.
 */
public record LeadFiling(String filingUnit, String officer, String receivingUnit, LeadType type, String title,
                         String facts, LeadDomain domain, String legalBasis, List<UploadedFile> files) {

    public LeadFiling {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
