package org.allianceportal.core.log.merkle;

import java.util.HashMap;
import java.util.Map;

/** Perfect-subtree hashes kept in memory, filled by {@link Merkle#append} as the database does. */
final class MemorySubtrees implements Merkle.Subtrees {

    private final Map<String, byte[]> nodes = new HashMap<>();
    private long size;

    static MemorySubtrees of(byte[][] leafHashes) {
        MemorySubtrees tree = new MemorySubtrees();
        for (byte[] leaf : leafHashes) {
            tree.add(leaf);
        }
        return tree;
    }

    void add(byte[] leafHash) {
        for (Merkle.Node node : Merkle.append(size, leafHash, this)) {
            nodes.put(node.level() + "/" + node.index(), node.hash());
        }
        size++;
    }

    @Override
    public byte[] hash(int level, long index) {
        byte[] hash = nodes.get(level + "/" + index);
        if (hash == null) {
            throw new IllegalStateException("no complete subtree at level " + level + ", index " + index);
        }
        return hash;
    }
}
