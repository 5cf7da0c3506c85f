package io.skald.ring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte form of an {@link InstanceDesc} in the Hazelcast map. A plain byte[] value needs no Hazelcast serializer
 * configuration and stays readable across Skald versions thanks to the leading format version.
 */
public final class InstanceDescCodec {
    private static final int VERSION = 1;

    private InstanceDescCodec() {}

    /** Encodes {@code desc}. */
    public static byte[] encode(InstanceDesc desc) {
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(64 + desc.tokens().size() * 4);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(desc.id());
            out.writeUTF(desc.address());
            out.writeUTF(desc.httpAddress());
            out.writeUTF(desc.zone());
            out.writeByte(stateCode(desc.state()));
            out.writeLong(desc.heartbeatMillis());
            out.writeLong(desc.registeredAtMillis());
            out.writeInt(desc.tokens().size());
            for (int token : desc.tokens()) {
                out.writeInt(token);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Loki's numbers for the states (its ring proto), so the byte form reads the same way. */
    private static int stateCode(InstanceState state) {
        return switch (state) {
            case ACTIVE -> 0;
            case LEAVING -> 1;
            case PENDING -> 2;
            case JOINING -> 3;
        };
    }

    private static InstanceState state(int code) {
        return switch (code) {
            case 0 -> InstanceState.ACTIVE;
            case 1 -> InstanceState.LEAVING;
            case 2 -> InstanceState.PENDING;
            case 3 -> InstanceState.JOINING;
            default -> throw new IllegalArgumentException("unknown instance state " + code);
        };
    }

    /**
     * Decodes bytes made by {@link #encode}.
     *
     * @throws IllegalArgumentException when the bytes are not an encoded descriptor
     */
    public static InstanceDesc decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown ring entry format version " + version);
            }
            String id = in.readUTF();
            String address = in.readUTF();
            String httpAddress = in.readUTF();
            String zone = in.readUTF();
            InstanceState state = state(in.readUnsignedByte());
            long heartbeat = in.readLong();
            long registeredAt = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > (data.length / 4)) {
                throw new IllegalArgumentException("bad token count " + count);
            }
            List<Integer> tokens = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                tokens.add(in.readInt());
            }
            return new InstanceDesc(id, address, httpAddress, zone, state, tokens, heartbeat, registeredAt);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated ring entry", e);
        }
    }
}
