package io.memserve.openai;

/** One message of a chat conversation; {@code content} is plain text. */
public record ChatMessage(String role, String content) {
}
