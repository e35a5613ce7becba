using Communaute.Bot.Delivery;

namespace Communaute.Bot.Channels.Slack;

/// <summary>What a Slack Web API error (one that retrying will not cure) says about the message, for the outbox.</summary>
public static class SlackFailureKinds
{
    /// <summary>The bot can no longer write there.</summary>
    private static readonly HashSet<string> TargetGone =
    [
        "channel_not_found", "not_in_channel", "is_archived", "account_inactive", "user_not_found", "user_not_in_channel",
        "cannot_dm_bot", "team_not_found",
    ];

    /// <summary>The app lacks the right (token, scope, workspace policy), whatever the conversation.</summary>
    private static readonly HashSet<string> Forbidden =
    [
        "not_allowed_token_type", "missing_scope", "not_authed", "invalid_auth", "token_revoked", "token_expired", "access_denied",
        "no_permission", "ekm_access_denied", "team_access_not_granted", "enterprise_is_restricted", "org_login_required",
        "two_factor_setup_required", "messages_tab_disabled", "restricted_action", "restricted_action_read_only_channel",
        "restricted_action_thread_only_channel", "restricted_action_non_threadable_channel", "cant_update_message",
        "cant_delete_message", "edit_window_closed", "compliance_exports_prevent_deletion",
    ];

    /// <summary>Slack cannot accept what was sent.</summary>
    private static readonly HashSet<string> InvalidPayload =
    [
        "invalid_blocks", "invalid_blocks_format", "msg_too_long", "no_text", "too_many_attachments", "attachment_payload_limit_exceeded",
        "invalid_metadata_format", "invalid_metadata_schema", "metadata_too_large", "metadata_must_be_sent_from_app",
        "invalid_arguments", "invalid_arg_name", "invalid_array_arg", "invalid_charset", "invalid_form_data", "invalid_post_type",
        "missing_post_type", "invalid_json", "json_not_object",
    ];

    public static OutboxFailureKind Of(string error) =>
        TargetGone.Contains(error) ? OutboxFailureKind.TargetGone
        : Forbidden.Contains(error) ? OutboxFailureKind.Forbidden
        : InvalidPayload.Contains(error) ? OutboxFailureKind.InvalidPayload
        : error == "message_not_found" ? OutboxFailureKind.OriginalMissing
        : OutboxFailureKind.Refused;
}
