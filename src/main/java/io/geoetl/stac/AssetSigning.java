package io.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.storage.BlobUrlSigner;
import java.util.function.UnaryOperator;
import org.apache.camel.Message;

/**
 * {@code ?sign=true}: every asset href that points into the silver container is replaced by a
 * short-lived read-only SAS URL, item by item as a page is written (like Planetary Computer's
 * signing). Without it hrefs are served exactly as stored, so no token appears in them.
 */
final class AssetSigning {
    static final String PARAMETER = "sign";
    /** What {@link #forRequest} gives without sign=true: the item unchanged. */
    static final UnaryOperator<ObjectNode> AS_STORED = UnaryOperator.identity();
    private final BlobUrlSigner signer;

    AssetSigning(BlobUrlSigner signer) {
        this.signer = signer;
    }

    /** What the request asks for: signing with sign=true, items as stored with sign=false or none. */
    UnaryOperator<ObjectNode> forRequest(Message in) {
        return asked(in) ? this::sign : AS_STORED;
    }

    static boolean asked(Message in) {
        String sign = in.getHeader(PARAMETER, String.class);
        if (sign == null || sign.equals("false")) return false;
        if (sign.equals("true")) return true;
        throw new ApiException(400, "invalid_sign", "sign must be true or false, not '" + sign + "'");
    }

    private ObjectNode sign(ObjectNode item) {
        JsonNode assets = item.get("assets");
        if (assets == null || !assets.isObject()) return item;
        assets.forEach(asset -> {
            JsonNode href = asset.get("href");
            if (asset instanceof ObjectNode writable && href != null && href.isTextual()) writable.put("href", signer.sign(href.asText()));
        });
        return item;
    }
}
