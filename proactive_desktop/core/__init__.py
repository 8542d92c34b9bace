"""Qt-free core: never imports PySide6, proactive_desktop.ui or proactive_desktop.sandbox."""
