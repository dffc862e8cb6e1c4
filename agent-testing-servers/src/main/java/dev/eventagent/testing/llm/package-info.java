/**
 * The LLM testing server: {@link dev.eventagent.testing.llm.ScriptedModelServer}, a real HTTP
 * server on 127.0.0.1 that speaks the OpenAI Chat Completions API (plain JSON and Server-Sent
 * Events streaming) and answers from scripts, so planners are tested through the real
 * OpenAI-compatible client; it also serves {@code POST /v1/embeddings}
 * ({@link dev.eventagent.testing.llm.ScriptedEmbeddings}). Needs only the JDK and Jackson.
 */
package dev.eventagent.testing.llm;
