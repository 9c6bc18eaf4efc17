package org.wenshu.generator.signing;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.util.Hashtable;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Builds the detached CAdES signature that goes into a PAdES signature's /Contents. */
final class CadesSignature {

    private CadesSignature() {
    }

    /** Signs {@code signedBytes} (the PDF's byte range) and, with a TSA, adds a signature timestamp. */
    static byte[] create(byte[] signedBytes, SigningKey key, java.util.Optional<TimestampAuthority> tsa) {
        try {
            ContentSigner contentSigner = contentSigner(key);
            JcaSignerInfoGeneratorBuilder signerInfo =
                    new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build());
            signerInfo.setSignedAttributeGenerator(padesSignedAttributes(key));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo.build(contentSigner, key.certificate()));
            generator.addCertificates(new JcaCertStore(key.chain()));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(signedBytes), false);
            if (tsa.isPresent()) {
                signed = withSignatureTimestamp(signed, tsa.get());
            }
            // DER, not BER: the length must be stable between the sizing pass and the real one.
            return signed.getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CMSException | CertificateEncodingException e) {
            throw new SigningFailed("cannot create the CMS signature: " + e.getMessage(), e);
        } catch (IOException | GeneralSecurityException e) {
            throw new SigningFailed("cannot encode the CMS signature: " + e.getMessage(), e);
        }
    }

    private static ContentSigner contentSigner(SigningKey key) throws OperatorCreationException {
        String algorithm = switch (key.privateKey().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> throw new SigningFailed("unsupported key algorithm " + key.privateKey().getAlgorithm());
        };
        JcaContentSignerBuilder builder = new JcaContentSignerBuilder(algorithm);
        // A token key (PKCS#11) can only be used through the provider that holds it.
        key.provider().ifPresent(builder::setProvider);
        return builder.build(key.privateKey());
    }

    /**
     * PAdES baseline signed attributes: content-type, message-digest and signing-certificate-v2, and deliberately
     * no signing-time: ETSI EN 319 142-1 forbids it, the claimed time goes in the signature dictionary's /M.
     */
    private static CMSAttributeTableGenerator padesSignedAttributes(SigningKey key)
            throws CertificateEncodingException, GeneralSecurityException {
        byte[] certificateHash = MessageDigest.getInstance("SHA-256").digest(key.certificate().getEncoded());
        IssuerSerial issuerSerial = new IssuerSerial(
                new GeneralNames(new GeneralName(X500Name.getInstance(key.certificate().getIssuerX500Principal().getEncoded()))),
                key.certificate().getSerialNumber());
        Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2(certificateHash, issuerSerial))));
        return parameters -> {
            Hashtable<ASN1ObjectIdentifier, Attribute> table = new Hashtable<>();
            ASN1ObjectIdentifier contentType = (ASN1ObjectIdentifier) parameters.get(CMSAttributeTableGenerator.CONTENT_TYPE);
            table.put(CMSAttributes.contentType, new Attribute(CMSAttributes.contentType, new DERSet(contentType)));
            byte[] digest = (byte[]) parameters.get(CMSAttributeTableGenerator.DIGEST);
            table.put(CMSAttributes.messageDigest,
                    new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(digest))));
            table.put(PKCSObjectIdentifiers.id_aa_signingCertificateV2, signingCertificate);
            return new AttributeTable(table);
        };
    }

    private static CMSSignedData withSignatureTimestamp(CMSSignedData signed, TimestampAuthority tsa)
            throws IOException, GeneralSecurityException {
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        // The signature timestamp covers the signature value (RFC 3161 over SignerInfo.signature).
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(signer.getSignature());
        byte[] token = tsa.timestamp(digest);
        Attribute timestamp = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(ASN1Primitive.fromByteArray(token)));
        Hashtable<ASN1ObjectIdentifier, Attribute> unsigned = new Hashtable<>();
        unsigned.put(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, timestamp);
        SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(unsigned));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(List.of(stamped)));
    }
}
