"""TicketPreview: one rendered ticket as its customer will see it (subject, then the message).

The body is the HTML core/render produced (already sanitised, placeholder values escaped); a
QTextBrowser shows it without running scripts or fetching remote content. For a skipped customer
the widget says why instead of showing a ticket.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget


class TicketPreview(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self._recipient = QLabel(self)
        self._recipient.setWordWrap(True)
        self._recipient.setTextFormat(Qt.TextFormat.PlainText)
        self._subject = QLabel(self)
        self._subject.setWordWrap(True)
        self._subject.setTextFormat(Qt.TextFormat.PlainText)
        self._subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self._subject.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self._subject.setFont(font)
        self._body = QTextBrowser(self)
        # Links in a preview are for reading; opening them is the customer's business.
        self._body.setOpenLinks(False)
        self._body.setOpenExternalLinks(False)
        self._skip = QLabel(self)
        self._skip.setWordWrap(True)
        self._skip.setTextFormat(Qt.TextFormat.PlainText)
        self._skip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self._recipient)
        layout.addWidget(self._subject)
        layout.addWidget(self._body, 1)
        layout.addWidget(self._skip, 1)
        self.clear()

    def clear(self) -> None:
        self._recipient.clear()
        self._subject.clear()
        self._body.clear()
        self._skip.hide()
        self._body.show()

    def show_ticket(self, recipient: str, subject: str, html_body: str) -> None:
        self._recipient.setText(recipient)
        self._subject.setText(subject)
        self._body.setHtml(html_body)
        self._skip.hide()
        self._subject.show()
        self._body.show()

    def show_skipped(self, recipient: str, reason: str) -> None:
        self._recipient.setText(recipient)
        self._subject.clear()
        self._subject.hide()
        self._body.clear()
        self._body.hide()
        self._skip.setText(
            self.tr("This customer will not get a ticket: {reason}").format(reason=reason)
        )
        self._skip.show()

    def subject_text(self) -> str:
        return self._subject.text()

    def body_text(self) -> str:
        """The message as plain text (what tests and screen readers check)."""
        return self._body.toPlainText()

    def skip_text(self) -> str:
        return self._skip.text() if self._skip.isVisibleTo(self) else ""
