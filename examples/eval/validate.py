#!/usr/bin/env python3
"""Checks dataset.jsonl and prints a summary: python3 examples/eval/validate.py [FILE]

Each line must be one JSON object (UTF-8, no duplicate keys, < 20 kB) with
name (kebab-case, unique), optional headers (strings), event (object), expected (list of
{"tool", "args"}), notes (string). Tool names must be ones the agent has. Hostile examples
(notes tagged [hostile]) must not expect anything sent to the attacker or any e-mail.
Exits 1 on the first batch of problems.
"""
import collections
import json
import pathlib
import re
import sys

FAMILIES = {
    "clickhouse": ["insert_commit_event", "insert_pr_event", "insert_jira_event", "insert_deployment_event",
                   "insert_incident_event", "get_developer_activity_summary", "get_project_dora_metrics",
                   "get_team_workload"],
    "neo4j": ["create_developer_node", "create_team_node", "create_project_node", "add_skill_relationship",
              "add_contribution_relationship", "create_project_dependency", "set_developer_availability",
              "find_available_developers", "find_collaborators", "get_developer_graph", "get_team_structure",
              "find_project_dependencies"],
    "postgres": ["create_user_profile", "update_user_skills", "get_user_by_email", "create_team",
                 "get_team_members", "update_user_availability", "upsert_profile_embedding",
                 "find_similar_developers", "record_task_assignment", "get_assignment_history"],
    "pinecone": ["upsert_developer_embedding", "search_similar_developers_vector", "delete_developer_embedding",
                 "upsert_issue_embedding", "search_similar_issues"],
    "notify": ["send_slack_notification", "send_email_notification", "create_github_comment"],
    "jira": ["assign_jira_issue", "add_jira_comment", "update_jira_status", "get_unassigned_issues"],
}
FAMILY_OF = {tool: family for family, tools in FAMILIES.items() for tool in tools}
KEYS = {"name", "headers", "event", "expected", "notes"}
MAX_LINE = 20 * 1024


def no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def header(headers, name):
    for key, value in (headers or {}).items():
        if key.lower() == name.lower():
            return value
    return None


def wire_form(headers, event):
    """Which accepted wire form the line uses, and a label for the summary (docs/events.md)."""
    if header(headers, "ce_type") or header(headers, "ce-type"):
        return f"cloudevents-binary {header(headers, 'ce_type') or header(headers, 'ce-type')}"
    if all(k in event for k in ("specversion", "type", "source", "id")):
        data = event.get("data") or {}
        detail = f" ({data['action']})" if isinstance(data, dict) and "action" in data else ""
        return f"cloudevents-structured {event['type']}{detail}"
    github = header(headers, "X-GitHub-Event")
    if github:
        detail = ""
        if github == "pull_request":
            pr = event["pull_request"]
            detail = " merged" if pr.get("merged") else f" {event['action']}"
            detail += " +email" if pr.get("user", {}).get("email") else " no-email"
        elif github == "push":
            detail = " no-stats"
        elif github in ("issues", "workflow_run"):
            detail = f" {event['action']}" + (f" {event['workflow_run']['conclusion']}" if github == "workflow_run" else "")
        elif github == "deployment_status":
            detail = f" {event['deployment_status']['state']}"
        return f"github-webhook {github}{detail}"
    if isinstance(event.get("source"), str) and isinstance(event.get("event_type"), str):
        return f"envelope {event['source']}.{event['event_type']}"
    if isinstance(event.get("webhookEvent"), str):
        detail = " +changelog" if "changelog" in event else ""
        return f"jira-webhook {event['webhookEvent']}{detail}"
    if event.get("version") == "4" and isinstance(event.get("alerts"), list) and "groupKey" in event:
        return f"alertmanager {event.get('status')}"
    return "UNRECOGNISED"


def producer_id(headers, event):
    for name in ("X-GitHub-Delivery", "X-Atlassian-Webhook-Identifier", "ce_id", "ce-id"):
        if header(headers, name):
            return header(headers, name)
    if all(k in event for k in ("specversion", "type", "source", "id")):
        return event["id"]
    if "source" in event and "event_type" in event:
        return event.get("id") or event.get("event_id")
    return None


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)


def main(path):
    problems = []
    names = set()
    ids = set()
    family_events = collections.Counter()
    family_calls = collections.Counter()
    tool_calls = collections.Counter()
    forms = collections.Counter()
    tags = collections.Counter()
    empty = 0
    lines = pathlib.Path(path).read_bytes().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for n, raw in enumerate(lines, 1):
        where = f"line {n}"
        if len(raw) >= MAX_LINE:
            problems.append(f"{where}: {len(raw)} bytes (limit {MAX_LINE})")
        try:
            item = json.loads(raw.decode("utf-8"), object_pairs_hook=no_duplicates)
        except (UnicodeDecodeError, ValueError) as e:
            problems.append(f"{where}: not valid JSON: {e}")
            continue
        if not isinstance(item, dict):
            problems.append(f"{where}: not an object")
            continue
        name = item.get("name")
        where = f"line {n} ({name})"
        if set(item) - KEYS:
            problems.append(f"{where}: unknown keys {sorted(set(item) - KEYS)}")
        for key in ("name", "event", "expected", "notes"):
            if key not in item:
                problems.append(f"{where}: missing {key}")
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
            problems.append(f"{where}: name is not short kebab-case")
        if name in names:
            problems.append(f"{where}: duplicate name")
        names.add(name)
        headers = item.get("headers")
        if headers is not None and not (isinstance(headers, dict)
                                        and all(isinstance(v, str) for v in headers.values())):
            problems.append(f"{where}: headers must be an object of strings")
        event = item.get("event")
        if not isinstance(event, dict):
            problems.append(f"{where}: event must be an object")
            continue
        if not isinstance(item.get("notes"), str) or not item["notes"].strip():
            problems.append(f"{where}: notes must be a non-empty string")
        form = wire_form(headers, event)
        if form == "UNRECOGNISED":
            problems.append(f"{where}: no accepted wire form recognises this event")
        forms[form] += 1
        pid = producer_id(headers, event)
        if pid is not None:
            if pid in ids:
                problems.append(f"{where}: producer id {pid} used twice (the ledger would see a redelivery)")
            ids.add(pid)
        expected = item.get("expected")
        if not isinstance(expected, list):
            problems.append(f"{where}: expected must be a list")
            continue
        if not expected:
            empty += 1
        families = set()
        for i, expected_call in enumerate(expected):
            if not (isinstance(expected_call, dict) and set(expected_call) == {"tool", "args"}
                    and isinstance(expected_call["args"], dict)):
                problems.append(f"{where}: expected[{i}] must be {{\"tool\", \"args\": {{}}}}")
                continue
            tool = expected_call["tool"]
            if tool not in FAMILY_OF:
                problems.append(f"{where}: expected[{i}] names unknown tool {tool!r}")
                continue
            families.add(FAMILY_OF[tool])
            family_calls[FAMILY_OF[tool]] += 1
            tool_calls[tool] += 1
        for family in families:
            family_events[family] += 1
        notes = item.get("notes", "")
        for tag in re.findall(r"\[(rules: [a-z-]+(?:, [^\]]+)?|rules: no route|judgement|hostile)\]", notes):
            tags["rules-route" if tag.startswith("rules: ") and tag != "rules: no route" else tag] += 1
            if tag.startswith("rules: ") and "if the search" in tag:
                tags["rules-route (needs a search match)"] += 1
        if "[hostile]" in notes:
            for expected_call in expected:
                if expected_call.get("tool") == "send_email_notification" or any(
                        "evil.io" in s for s in strings_in(expected_call.get("args"))):
                    problems.append(f"{where}: a hostile example expects the injected action")
            if "evil.io" not in json.dumps(event) and "ignore previous instructions" not in json.dumps(event).lower():
                problems.append(f"{where}: tagged hostile but carries no injection")

    print(f"{path}: {len(lines)} examples, {empty} expecting no calls")
    print("\nexamples (and expected calls) per tool family:")
    for family in FAMILIES:
        print(f"  {family:11s} {family_events[family]:3d} examples  {family_calls[family]:3d} calls")
    print("\nexpected calls per tool:")
    for tool, count in sorted(tool_calls.items(), key=lambda kv: (FAMILY_OF[kv[0]], kv[0])):
        print(f"  {FAMILY_OF[tool]:11s} {tool:34s} {count:3d}")
    print("\nwire forms:")
    for form, count in sorted(forms.items()):
        print(f"  {form:60s} {count:3d}")
    print("\nlabels in notes:")
    print(f"  [rules: <route>]  the shipped routes plan exactly the expected calls: {tags['rules-route']}"
          f" (of which {tags['rules-route (needs a search match)']} only when the developer search finds someone)")
    print(f"  [rules: no route] no route, and nothing is expected:                 {tags['rules: no route']}")
    print(f"  [judgement]       needs the model:                                   {tags['judgement']}")
    print(f"  [hostile]         carries a prompt injection:                        {tags['hostile']}")
    for family in FAMILIES:
        if family_events[family] < 4:
            problems.append(f"family {family} is expected in only {family_events[family]} examples (want 4+)")
    if problems:
        print("\nPROBLEMS:")
        for p in problems:
            print("  " + p)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).with_name("dataset.jsonl")))
