package io.memserve.gateway.model;

/** The body of every refusal, field for field as OpenAI writes it: {@code {"error":{message,type,param,code}}}. */
public record OpenAiError(Detail error) {

    public record Detail(String message, String type, String param, String code) {
    }
}
