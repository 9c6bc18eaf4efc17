package org.wenshu.search.semantic;

/**
 * Turns text into a unit-length vector whose dot product with another measures how close their meanings are
 * (句向量). Thread-safe.
 */
public interface SentenceEmbedder extends AutoCloseable {

    /** Identity of the model and its version: vectors of different identities are never compared. */
    String model();

    /** Length of every vector. */
    int dimensions();

    /** The vector of a passage to be retrieved. */
    float[] embedPassage(String passage);

    /** The vector of a search query (with the model's retrieval instruction where it has one). */
    float[] embedQuery(String query);

    @Override
    void close();
}
