package org.wenshu.generator.keys;

/** What a certificate issued by the development CA is for. */
public enum CertificatePurpose {
    /** A unit's seal (单位印章): signs instruments on behalf of the procuratorate. */
    SEAL,
    /** A person's signature, e.g. the handling prosecutor (承办检察官). */
    PERSON,
    /** A timestamp authority (时间戳服务). */
    TIMESTAMPING
}
