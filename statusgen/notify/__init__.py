"""Notifications: each update that became public, sent once to chat, webhooks and e-mail
(`statusgen notify`), and nudges when a promised update is overdue (`statusgen remind`)."""
