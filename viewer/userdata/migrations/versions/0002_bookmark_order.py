"""Index bookmarks by creation time (the 书签 tab lists them newest first).

Revision ID: 0002
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("bookmark_created_at", "bookmark", ["created_at"])


def downgrade() -> None:
    op.drop_index("bookmark_created_at", table_name="bookmark")
