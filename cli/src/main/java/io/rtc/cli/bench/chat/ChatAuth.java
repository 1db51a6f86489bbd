package io.rtc.cli.bench.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rtc.cli.auth.TokenMinter;
import io.rtc.cli.bench.Progress;
import io.rtc.cli.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.IntFunction;

/**
 * How the members sign in: anonymous, all with one token ({@code --token}), or each with its own HS256
 * token minted from {@code --hmac-secret} (subject and {@code preferred_username} {@code bench-<n>}). A
 * signed-in member must send under its token's name (chat-service refuses any other), so the user names
 * come from here too.
 *
 * @param mode        {@code none}, {@code token} or {@code hmac}, as the report names it
 * @param sharedToken the one token of {@code --token}, or null
 * @param sharedUser  the name in that token ({@code preferred_username}, else {@code sub}), or null
 * @param minter      mints the members' tokens for {@code --hmac-secret}, or null
 */
record ChatAuth(String mode, String sharedToken, String sharedUser, TokenMinter minter) {

    static final ChatAuth NONE = new ChatAuth("none", null, null, null);
    static final String USER_PREFIX = "bench-";

    static ChatAuth token(String token) {
        return new ChatAuth("token", token, nameIn(token), null);
    }

    static ChatAuth hmac(TokenMinter minter) {
        return new ChatAuth("hmac", null, null, minter);
    }

    /** The user name member {@code member} sends under; receivers check it against the sender id. */
    String userName(int member) {
        return sharedUser != null ? sharedUser : USER_PREFIX + member;
    }

    /**
     * The token of each member, minted before the first connect so that minting is not part of the connect
     * times; null for anonymous members.
     */
    IntFunction<String> tokens(int members, Progress progress) {
        if (minter != null) {
            long start = System.nanoTime();
            String[] minted = new String[members];
            for (int member = 0; member < members; member++) {
                minted[member] = minter.mint(userName(member));
            }
            progress.say("minted %,d HS256 tokens in %.2f s", members, (System.nanoTime() - start) / 1e9);
            return member -> minted[member];
        }
        return member -> sharedToken;
    }

    /** {@code preferred_username}, else {@code sub}, of a JWT's payload (not verified: the server does that); else "bench". */
    static String nameIn(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length == 3) {
            try {
                JsonNode claims = JsonText.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
                for (String claim : new String[] {"preferred_username", "sub"}) {
                    if (claims.path(claim).isTextual() && !claims.path(claim).asText().isBlank()) {
                        return claims.path(claim).asText();
                    }
                }
            } catch (IllegalArgumentException e) {
                // not a JWT we can read: the server will say what it thinks of it
            }
        }
        return "bench";
    }
}
