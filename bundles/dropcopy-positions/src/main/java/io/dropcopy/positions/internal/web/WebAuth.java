package io.dropcopy.positions.internal.web;

import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication against Karaf's JAAS realm (the users of etc/users.properties by default): HTTP Basic on every
 * request, or a session cookie made by a form login (the dashboard: EventSource cannot send headers). Roles are the
 * realm's role principals: viewer reads, admin changes state.
 */
final class WebAuth {
    private static final Logger LOG = LoggerFactory.getLogger(WebAuth.class);
    static final String COOKIE = "DROPCOPY_SESSION";
    private static final long IDLE_MS = 8 * 3600_000L;

    /** Who is calling. */
    static final class User {
        final String name;
        final Set<String> roles;
        volatile long lastUse;

        User(String name, Set<String> roles) {
            this.name = name;
            this.roles = roles;
            this.lastUse = System.currentTimeMillis();
        }

        boolean viewer() {
            return roles.contains("viewer") || admin();
        }

        boolean admin() {
            return roles.contains("admin");
        }
    }

    private final String realm;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, User> sessions = new ConcurrentHashMap<>();

    WebAuth(String realm) {
        this.realm = realm;
    }

    /** The realm's answer, or null when refused. */
    User login(String name, String password) {
        if (name == null || password == null || name.isEmpty()) {
            return null;
        }
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        // the realm's login modules are loaded through the context class loader
        t.setContextClassLoader(WebAuth.class.getClassLoader());
        try {
            Subject subject = new Subject();
            LoginContext context = new LoginContext(realm, subject, callbacks -> {
                for (Callback c : callbacks) {
                    if (c instanceof NameCallback) {
                        ((NameCallback) c).setName(name);
                    } else if (c instanceof PasswordCallback) {
                        ((PasswordCallback) c).setPassword(password.toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(c);
                    }
                }
            });
            context.login();
            Set<String> roles = new TreeSet<>();
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("RolePrincipal")) {
                    roles.add(p.getName());
                }
            }
            return new User(name, roles);
        } catch (LoginException e) {
            LOG.info("Dashboard/API login refused for '{}': {}", name, e.getMessage());
            return null;
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** A new session for the user; its token goes in the cookie. */
    String open(User user) {
        byte[] b = new byte[24];
        random.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        sessions.put(token, user);
        return token;
    }

    void close(HttpServletRequest request) {
        String token = cookie(request);
        if (token != null) {
            sessions.remove(token);
        }
    }

    /** The caller by session cookie or Basic credentials, or null. */
    User user(HttpServletRequest request) {
        String token = cookie(request);
        if (token != null) {
            User u = sessions.get(token);
            long now = System.currentTimeMillis();
            if (u != null && now - u.lastUse < IDLE_MS) {
                u.lastUse = now;
                return u;
            }
            sessions.remove(token);
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : login(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        return null;
    }

    /** True when the caller came by cookie (a state change then needs the X-Dropcopy header: no cross-site form). */
    static boolean byCookie(HttpServletRequest request) {
        return request.getHeader("Authorization") == null && cookie(request) != null;
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }
}
